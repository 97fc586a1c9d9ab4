"""Demo news stories, grouped by theme; dates are days before today."""

from demo.news import community, infrastructure, safety, services

NEWS = infrastructure.NEWS + community.NEWS + safety.NEWS + services.NEWS

#: The stories an editor put first on the home page ("Featured"), in order: the budget, whose
#: public hearing is coming up, then the new website (in the sample city the tests use).
FEATURED = ["mayor-proposes-budget", "city-launches-new-website"]

#: Stories that carry an illustration (see ``demo.images``): slug -> theme.
NEWS_IMAGES = {
    "city-launches-new-website": "city-hall",
    "holiday-trash-schedule": "recycling",
    "summer-paving-program-begins": "streets",
    "city-offices-closed-for-holiday": "city-hall",
    "splash-pad-opens-at-sweetgum-park": "parks",
    "boil-water-notice-lifted-northside": "water",
    "main-break-sycamore-ridge": "water",
    "fire-station-9-reopens": "fire",
    "mayor-proposes-budget": "city-hall",
    "pothole-blitz-results": "streets",
    "glass-recycling-drop-off": "recycling",
    "smoke-alarm-blitz": "fire",
    "heron-lake-trail-extension": "parks",
    "water-meter-replacement-program": "water",
}
