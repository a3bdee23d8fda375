"""Options of the image cache and its manager (group ``[image_cache]``)."""

from oslo_config import cfg

image_cache_group = cfg.OptGroup(
    'image_cache',
    title='Image Cache Options',
    help="""
The image cache keeps one copy per compute host of each image (and each
blank ephemeral and swap disk) that instance disks are made from; its
manager removes the copies no instance of the host uses any more.
""")

image_cache_opts = [
    cfg.IntOpt('manager_interval',
               default=2400, min=-1,
               help="""
Number of seconds between runs of the image cache manager. Every run also
refreshes the modification time of the cached images in use.

Possible values:

* 0: run at every run of the periodic tasks (``[DEFAULT]
  periodic_interval``).
* -1: never run.
* A positive integer.

Related options:

* ``[DEFAULT] periodic_interval``: the manager runs at most this often.
"""),
    cfg.StrOpt('subdirectory_name',
               default='_base',
               help="""
Directory of the image cache, relative to ``[DEFAULT] instances_path``.

Possible values:

* A directory name; hosts sharing an instances path may use per-host
  names such as ``_base_$my_ip``.
"""),
    cfg.BoolOpt('remove_unused_base_images',
                default=True,
                help="""
Whether the image cache manager removes cached images no instance of the
host uses. With False it only logs them.

Related options:

* ``remove_unused_original_minimum_age_seconds``
* ``remove_unused_resized_minimum_age_seconds``
"""),
    cfg.IntOpt('remove_unused_original_minimum_age_seconds',
               default=24 * 3600,
               help="""
Age in seconds (since its last use) an unused cached image, or blank
ephemeral or swap disk, must reach before it is removed.

Possible values:

* A number of seconds; 0 removes unused images at the next run.
"""),
    cfg.IntOpt('remove_unused_resized_minimum_age_seconds',
               default=3600,
               help="""
Age in seconds an unused resized cached image (``<image>_<size>``) must
reach before it is removed.

Possible values:

* A number of seconds; 0 removes unused images at the next run.
"""),
    cfg.IntOpt('precache_concurrency',
               default=1, min=1,
               help="""
Maximum number of compute hosts the conductor asks at the same time to
cache images, when images are pre-cached on the hosts of an aggregate
(``POST /os-aggregates/{aggregate_id}/images``). More hosts at once end
sooner but load the image service more.

Possible values:

* A positive integer; 1 asks one host after the other.
"""),
]


def register_opts(conf):
    conf.register_group(image_cache_group)
    conf.register_opts(image_cache_opts, group=image_cache_group)


def list_opts():
    return {image_cache_group: image_cache_opts}
