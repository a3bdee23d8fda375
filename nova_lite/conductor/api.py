"""In-process facades of the conductor, for callers that never import its
manager."""

from nova_lite.conductor import rpcapi


class API(rpcapi.ConductorAPI):
    """Object indirection through the conductor."""


class ComputeTaskAPI(rpcapi.ComputeTaskAPI):
    """Build workflows run by the conductor."""
