"""Options of the image service (group ``image``)."""

from oslo_config import cfg

from nova_lite.conf import paths

image_group = cfg.OptGroup('image', title='Image service options')

image_opts = [
    cfg.StrOpt('store_dir',
               default=paths.state_path_def('images'),
               help="""
Directory of the file image store. Registered images are copied here as
``<image id>``; compute hosts read them through the image's ``file://``
direct URL, so on several hosts this directory must be shared.

Possible values:

* An absolute directory path.
"""),
]


def register_opts(conf):
    conf.register_group(image_group)
    conf.register_opts(image_opts, group=image_group)


def list_opts():
    return {image_group: image_opts}
