"""In-process facades of the conductor, for callers that never import its
manager."""

from nova_lite.conductor import rpcapi
from nova_lite import conf as nova_conf
from nova_lite.image import api as image_api


class API(rpcapi.ConductorAPI):
    """Object indirection through the conductor."""


class ComputeTaskAPI(rpcapi.ComputeTaskAPI):
    """Build workflows and image pre-caching run by the conductor."""

    def __init__(self, conf=None):
        super().__init__()
        self.image_api = image_api.API(conf or nova_conf.CONF)

    def cache_images(self, context, aggregate, image_ids):
        """Have the compute hosts of ``aggregate`` cache the images
        ``image_ids``; ImageNotFound, with nothing sent, if the image
        service does not know one of them (so that no host is asked in
        vain)."""
        for image_id in image_ids:
            self.image_api.get(context, image_id)
        super().cache_images(context, aggregate, image_ids)
