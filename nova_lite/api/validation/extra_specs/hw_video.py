"""hw_video: the most video memory an image may ask for (hw_video_ram)."""

from nova_lite.api.validation.extra_specs import base

VALIDATORS = [
    base.ExtraSpecValidator('hw_video:ram_max_mb', base.integer(min=0)),
]
