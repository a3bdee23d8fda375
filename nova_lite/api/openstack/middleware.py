"""Base of the API's WSGI middlewares (built by paste.deploy filters)."""


class Middleware(object):
    """Wraps ``application``; paste.deploy builds it with ``factory``."""

    def __init__(self, application):
        self.application = application

    @classmethod
    def factory(cls, global_conf, **local_conf):
        return cls
