"""Demo news stories, grouped by theme; dates are days before today."""

from home.demo.news import community, infrastructure, safety, services

NEWS = infrastructure.NEWS + community.NEWS + safety.NEWS + services.NEWS
