"""A minimal, read-only Networking service (Neutron) API v2.0 over
nova-lite's networks, subnets and ports, so that network clients
(``openstack network|subnet|port list|show``, and the network and port
names the ``openstack server`` commands look up) have a network
endpoint. It lives under ``/network`` of nova-lite-api; nova-lite has no
Neutron.

Served: ``GET /network`` (the version list) and, under
``/network/v2.0``, ``networks``, ``subnets`` and ``ports`` (each a list
with Neutron's filters, ``fields`` and paging, and a show), an empty
``security-groups`` list and the ``extensions`` list. Networks and ports
are still created with ``nova-lite-manage network|port create``; any
other method is a 405 and any other path a 404, with Neutron's error
body.
"""
