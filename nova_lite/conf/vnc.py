"""Options of the guests' graphical console (group ``[vnc]``); the
pointer device that goes with it is ``[DEFAULT] pointer_model``."""

from oslo_config import cfg

vnc_group = cfg.OptGroup(
    'vnc',
    title='VNC options',
    help="""
Guests get a VNC graphical console, served by QEMU on the compute host,
with a display adapter and a pointer device to use it.
""")

vnc_opts = [
    cfg.BoolOpt('enabled',
                default=True,
                help="""
Give guests a VNC graphical console.

Possible values:

* True (default): every guest gets a ``<graphics type='vnc'>`` device, a
  video adapter (the image's ``hw_video_model``) and the pointer of
  ``[DEFAULT] pointer_model``.
* False: no graphics, no video adapter and no pointer device; the serial
  console is the only console.
"""),
    cfg.HostAddressOpt('server_listen',
                       default='127.0.0.1',
                       help="""
The address of the compute host the guests' VNC servers listen on.

nova-lite has no VNC console proxy, and a guest's VNC server has no
password: anyone who reaches it controls the guest's keyboard and screen.
So the default is loopback, reachable only by someone already on the
compute host (``ssh -L`` to it, then a VNC client); change it only on a
network you trust.

Possible values:

* ``127.0.0.1`` (default), ``::1``: loopback only.
* Any address or host name of the compute host, e.g. ``0.0.0.0`` for all.
"""),
]


def register_opts(conf):
    conf.register_group(vnc_group)
    conf.register_opts(vnc_opts, group=vnc_group)


def list_opts():
    return {vnc_group: vnc_opts}
