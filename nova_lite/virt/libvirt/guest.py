"""A libvirt domain, with the operations the driver needs on it."""

from lxml import etree
from oslo_log import log as logging

from nova_lite.compute import power_state

try:
    import libvirt
except ImportError:  # pragma: no cover - libvirt-python is a requirement
    libvirt = None

LOG = logging.getLogger(__name__)

# libvirt's virDomainState values, spelled out so this table does not need
# the libvirt module to be importable.
VIR_DOMAIN_NOSTATE = 0
VIR_DOMAIN_RUNNING = 1
VIR_DOMAIN_BLOCKED = 2
VIR_DOMAIN_PAUSED = 3
VIR_DOMAIN_SHUTDOWN = 4
VIR_DOMAIN_SHUTOFF = 5
VIR_DOMAIN_CRASHED = 6
VIR_DOMAIN_PMSUSPENDED = 7

LIBVIRT_POWER_STATE = {
    VIR_DOMAIN_NOSTATE: power_state.NOSTATE,
    VIR_DOMAIN_RUNNING: power_state.RUNNING,
    # BLOCKED means a running guest whose vCPUs are idle.
    VIR_DOMAIN_BLOCKED: power_state.RUNNING,
    VIR_DOMAIN_PAUSED: power_state.PAUSED,
    # SHUTDOWN is "being shut down"; Nova reports it as off already, the
    # same as SHUTOFF.
    VIR_DOMAIN_SHUTDOWN: power_state.SHUTDOWN,
    VIR_DOMAIN_SHUTOFF: power_state.SHUTDOWN,
    VIR_DOMAIN_CRASHED: power_state.CRASHED,
    VIR_DOMAIN_PMSUSPENDED: power_state.SUSPENDED,
}


class Guest:
    """Wraps a virDomain (maybe behind an eventlet tpool proxy)."""

    def __init__(self, domain):
        self._domain = domain

    def __repr__(self):
        return '<Guest %s %s>' % (self.name, self.uuid)

    @property
    def id(self):
        return self._domain.ID()

    @property
    def uuid(self):
        return self._domain.UUIDString()

    @property
    def name(self):
        return self._domain.name()

    @classmethod
    def create(cls, xml, host):
        """Define (but do not start) a persistent domain from ``xml``."""
        try:
            return host.write_instance_config(xml)
        except Exception:
            LOG.error('Error defining a guest with XML: %s', xml)
            raise

    def launch(self, pause=False):
        """Start the defined domain, maybe paused."""
        flags = libvirt.VIR_DOMAIN_START_PAUSED if pause else 0
        try:
            return self._domain.createWithFlags(flags)
        except Exception:
            LOG.error('Error launching a defined domain %s', self.name)
            raise

    def get_power_state(self, host=None):
        """Return the nova power state of the domain."""
        state = self._domain.info()[0]
        return LIBVIRT_POWER_STATE.get(state, power_state.NOSTATE)

    def get_vcpu_count(self):
        return self._domain.info()[3]

    def is_active(self):
        return bool(self._domain.isActive())

    def get_xml_desc(self, dump_inactive=False):
        flags = libvirt.VIR_DOMAIN_XML_INACTIVE if dump_inactive else 0
        return self._domain.XMLDesc(flags)

    def _has_nvram(self):
        try:
            doc = etree.fromstring(self.get_xml_desc(dump_inactive=True))
        except Exception:
            return False
        return doc.find('os/nvram') is not None

    def poweroff(self):
        """Stop the domain at once (virDomainDestroy: pulls the plug)."""
        self._domain.destroy()

    def shutdown(self):
        """Ask the guest OS to shut down (the ACPI power button)."""
        self._domain.shutdown()

    def pause(self):
        """Stop the guest's vCPUs; it stays in memory."""
        self._domain.suspend()

    def resume(self):
        """Let a paused guest's vCPUs run again."""
        self._domain.resume()

    def save_memory_state(self):
        """Save the guest's memory to libvirt's managed save image and stop
        it; the next start of the domain restores it."""
        self._domain.managedSave(0)

    def has_managed_save(self):
        return bool(self._domain.hasManagedSaveImage(0))

    def delete_configuration(self):
        """Undefine the domain, with its managed save image and NVRAM."""
        flags = libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE
        if self._has_nvram():
            # UEFI guests keep a per-domain NVRAM file that undefine
            # refuses to orphan unless told to remove it.
            flags |= libvirt.VIR_DOMAIN_UNDEFINE_NVRAM
        try:
            self._domain.undefineFlags(flags)
        except libvirt.libvirtError:
            LOG.debug('undefineFlags(%d) failed for %s; retrying with '
                      'undefine()', flags, self.name)
            self._domain.undefine()
