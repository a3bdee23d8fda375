"""A minimal, read-only Image service (Glance) API v2 over nova-lite's
images table, so that image clients (``openstack image list|show``, and
the image names the ``openstack server`` commands look up) have an image
endpoint. It lives under ``/image`` of nova-lite-api, as Glance does in
devstack; nova-lite has no Glance.

Served: ``GET /image`` (the version list), ``GET /image/v2/images``
(filters, sorting and paging as Glance's) and ``GET
/image/v2/images/{image_id}``. Images are still created with
``nova-lite-manage image create``; any other method is a 405 and any
other path a 404.
"""
