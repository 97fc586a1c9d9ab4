"""A front-end cache backend that records what it is asked to purge, for tests."""

from wagtail.contrib.frontend_cache.backends import BaseBackend, CloudfrontBackend

RECORDING = {"recording": {"BACKEND": "tests.frontend_cache_helpers.RecordingBackend"}}


class RecordingBackend(BaseBackend):
    #: Every batch purged, in order: a list of lists of absolute URLs.
    batches = []

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        type(self).batches.append(sorted(urls))

    @classmethod
    def urls(cls):
        return {url for batch in cls.batches for url in batch}

    @classmethod
    def paths(cls):
        """The purged URLs without the scheme and host (every test site is http://localhost)."""
        prefix = "http://localhost"
        assert all(url.startswith(prefix + "/") for url in cls.urls()), cls.urls()
        return {url[len(prefix) :] for url in cls.urls()}


class RecordingCloudfrontBackend(CloudfrontBackend):
    """Records like ``RecordingBackend``, but is a CloudFront backend (without boto3's client)."""

    batches = []

    def __init__(self, params):
        BaseBackend.__init__(self, params)

    def purge_batch(self, urls):
        type(self).batches.append(sorted(urls))
