"""The connection to libvirt and questions about the host.

libvirt calls block. Under eventlet (the services monkey-patch), a blocking
call in a green thread would stall every other green thread of the process,
so the connection is wrapped in ``eventlet.tpool.Proxy``: each call then runs
in a native worker thread. Without monkey-patching, callers are native
threads already and the connection is used as is.

The embedded QEMU driver (``qemu:///embed?root=DIR``) runs inside this
process and needs a libvirt event loop, which runs in its own native thread.
"""

import os
import queue
import threading
import time
import urllib.parse

from lxml import etree
from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import units

from nova_lite import exception
from nova_lite import utils
from nova_lite.virt import event as virtevent
from nova_lite.virt.libvirt import guest as libvirt_guest

try:
    import libvirt
except ImportError:  # pragma: no cover - libvirt-python is a requirement
    libvirt = None

try:
    import eventlet.patcher
    from eventlet import tpool
except ImportError:  # pragma: no cover - eventlet is a requirement
    eventlet = tpool = None

LOG = logging.getLogger(__name__)

# The embedded driver has no daemon to spawn virtlogd, whose socket QEMU's
# stdout/stderr would otherwise go to; plain files work everywhere.
EMBED_QEMU_CONF = 'stdio_handler = "file"\n'

_event_loop_lock = threading.Lock()
_event_loop_started = False


def _eventlet_patched():
    return eventlet is not None and (
        eventlet.patcher.is_monkey_patched('thread') or
        eventlet.patcher.is_monkey_patched('socket'))


def _native_thread_class():
    """threading.Thread, unless monkey-patched into a green thread."""
    if _eventlet_patched():
        return eventlet.patcher.original('threading').Thread
    return threading.Thread


def _native_queue_module():
    """The queue module whose queues a native thread may use while
    eventlet is patched in."""
    if _eventlet_patched():
        return eventlet.patcher.original('queue')
    return queue


def _run_event_loop():
    while True:
        libvirt.virEventRunDefaultImpl()


def start_event_loop():
    """Register libvirt's default event loop and run it, once per process.

    It must be registered before the first connection is opened.
    """
    global _event_loop_started
    with _event_loop_lock:
        if _event_loop_started:
            return
        libvirt.virEventRegisterDefaultImpl()
        thread = _native_thread_class()(target=_run_event_loop,
                                        name='libvirt-event-loop',
                                        daemon=True)
        thread.start()
        _event_loop_started = True


def _silence_libvirt_errors(_ctx, _err):
    # libvirt prints every error to stderr by default; the driver sees
    # them as exceptions and logs what matters.
    pass


def embed_root(uri):
    """Return DIR of ``qemu:///embed?root=DIR``, or None for other URIs."""
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme != 'qemu' or parsed.path != '/embed':
        return None
    roots = urllib.parse.parse_qs(parsed.query).get('root')
    if not roots:
        raise exception.HypervisorUnavailable(host=uri)
    return roots[0]


def prepare_embed_root(root):
    """Create the embedded driver's root, with a qemu.conf if it has none."""
    conf_dir = os.path.join(root, 'etc')
    os.makedirs(conf_dir, exist_ok=True)
    qemu_conf = os.path.join(conf_dir, 'qemu.conf')
    if not os.path.exists(qemu_conf):
        with open(qemu_conf, 'w') as f:
            f.write(EMBED_QEMU_CONF)


# libvirt's lifecycle event types, and the Nova event each one is.
_LIFECYCLE_TRANSITIONS = {
    2: virtevent.EVENT_LIFECYCLE_STARTED,      # VIR_DOMAIN_EVENT_STARTED
    3: virtevent.EVENT_LIFECYCLE_PAUSED,       # VIR_DOMAIN_EVENT_SUSPENDED
    4: virtevent.EVENT_LIFECYCLE_RESUMED,      # VIR_DOMAIN_EVENT_RESUMED
    5: virtevent.EVENT_LIFECYCLE_STOPPED,      # VIR_DOMAIN_EVENT_STOPPED
}
# Seconds between looks at the event queue from the green side.
EVENT_POLL_INTERVAL = 0.2


class Host:
    """A lazily opened libvirt connection and host queries.

    With a ``lifecycle_event_handler``, libvirt's domain lifecycle events
    are passed to it as virt.event.LifecycleEvent. libvirt calls back in
    its event loop's native thread, which must not run green code: the
    callback only queues the event, and a thread of the service's own kind
    hands it on.
    """

    def __init__(self, uri, read_only=False, lifecycle_event_handler=None):
        self._uri = uri
        self._read_only = read_only
        self._wrapped_conn = None
        self._conn_lock = threading.Lock()
        self._lifecycle_event_handler = lifecycle_event_handler
        self._event_queue = None

    @property
    def uri(self):
        return self._uri

    def is_test_driver(self):
        return self._uri.startswith('test:')

    def _connect(self):
        root = embed_root(self._uri)
        if root is not None:
            prepare_embed_root(root)
        if not self.is_test_driver():
            start_event_loop()
        libvirt.registerErrorHandler(_silence_libvirt_errors, None)
        LOG.debug('Connecting to libvirt: %s', self._uri)
        if self._read_only:
            conn = libvirt.openReadOnly(self._uri)
        else:
            conn = libvirt.open(self._uri)
        self._register_lifecycle_events(conn)
        if _eventlet_patched():
            conn = tpool.Proxy(conn, autowrap=(libvirt.virDomain,
                                               libvirt.virConnect))
        return conn

    # -- lifecycle events -------------------------------------------------

    def _register_lifecycle_events(self, conn):
        if self._lifecycle_event_handler is None or self.is_test_driver():
            return
        if self._event_queue is None:
            queue_module = _native_queue_module()
            self._event_queue = queue_module.Queue()
            utils.spawn_n(self._dispatch_events, queue_module.Empty)
        conn.domainEventRegisterAny(
            None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE,
            self._lifecycle_callback, None)

    def _lifecycle_callback(self, _conn, dom, event, _detail, _opaque):
        # In libvirt's native event thread: queue it, nothing more.
        transition = _LIFECYCLE_TRANSITIONS.get(event)
        if transition is None:
            return
        self._event_queue.put(virtevent.LifecycleEvent(dom.UUIDString(),
                                                       transition))

    def _dispatch_events(self, empty):
        while True:
            try:
                event = self._event_queue.get_nowait()
            except empty:
                time.sleep(EVENT_POLL_INTERVAL)
                continue
            LOG.debug('Emitting event %s %s', event.uuid, event.name)
            # The handler (the driver's emit_event) logs its own errors.
            self._lifecycle_event_handler(event)

    def _is_alive(self):
        try:
            return bool(self._wrapped_conn.isAlive())
        except libvirt.libvirtError:
            return False

    def get_connection(self):
        """Return the connection, opening (or re-opening) it if needed."""
        with self._conn_lock:
            if self._wrapped_conn is None or not self._is_alive():
                try:
                    self._wrapped_conn = self._connect()
                except libvirt.libvirtError as e:
                    LOG.error('Connection to libvirt %s failed: %s',
                              self._uri, e)
                    raise exception.HypervisorUnavailable(host=self._uri)
            return self._wrapped_conn

    def close(self):
        with self._conn_lock:
            if self._wrapped_conn is not None:
                try:
                    self._wrapped_conn.close()
                except libvirt.libvirtError:
                    pass
                self._wrapped_conn = None

    def get_guest(self, instance):
        """Return the Guest of an instance; InstanceNotFound if none."""
        try:
            dom = self.get_connection().lookupByUUIDString(instance.uuid)
        except libvirt.libvirtError as e:
            if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                raise exception.InstanceNotFound(instance_id=instance.uuid)
            raise
        return libvirt_guest.Guest(dom)

    def list_guests(self, only_running=True):
        flags = libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE if only_running else 0
        return [libvirt_guest.Guest(dom)
                for dom in self.get_connection().listAllDomains(flags)]

    def write_instance_config(self, xml):
        """Define a persistent domain from ``xml``; return its Guest."""
        return libvirt_guest.Guest(self.get_connection().defineXML(xml))

    def get_capabilities(self):
        """Return the host capabilities as an lxml element."""
        return etree.fromstring(self.get_connection().getCapabilities())

    def get_hypervisor_type(self):
        return self.get_connection().getType()

    def get_version(self):
        return self.get_connection().getVersion()

    def get_cpu_count(self):
        return self.get_connection().getInfo()[2]

    def get_memory_mb_total(self):
        return self.get_connection().getInfo()[1]

    def get_memory_mb_used(self):
        """Memory in use, counting page cache and buffers as free."""
        conn = self.get_connection()
        try:
            stats = conn.getMemoryStats(
                libvirt.VIR_NODE_MEMORY_STATS_ALL_CELLS)
        except libvirt.libvirtError:
            used = self.get_memory_mb_total() - \
                conn.getFreeMemory() // units.Mi
        else:
            # Take total and free from the same source: getInfo() may read
            # NUMA node files that disagree with /proc/meminfo.
            avail_kib = sum(stats.get(key, 0)
                            for key in ('free', 'buffers', 'cached'))
            used = (stats.get('total', 0) - avail_kib) // units.Ki
        return max(0, used)

    def get_cpu_info(self):
        """Return the host CPU description as Nova's cpu_info JSON."""
        caps = self.get_capabilities()
        cpu = caps.find('host/cpu')
        cells = caps.find('host/topology/cells')
        topology = cpu.find('topology') if cpu is not None else None
        info = {
            'arch': cpu.findtext('arch') if cpu is not None else None,
            'model': cpu.findtext('model') if cpu is not None else None,
            'vendor': cpu.findtext('vendor') if cpu is not None else None,
            'topology': {
                'cells': int(cells.get('num')) if cells is not None else 1,
                'sockets': _int_attr(topology, 'sockets'),
                'cores': _int_attr(topology, 'cores'),
                'threads': _int_attr(topology, 'threads'),
            },
            'features': sorted({f.get('name') for f in
                                (cpu.iterfind('feature')
                                 if cpu is not None else [])}),
        }
        return jsonutils.dumps(info)


def _int_attr(node, name):
    if node is None or node.get(name) is None:
        return None
    return int(node.get(name))
