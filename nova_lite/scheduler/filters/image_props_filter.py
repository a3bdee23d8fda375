from oslo_log import log as logging
from oslo_utils import versionutils

from nova_lite.scheduler import filters

LOG = logging.getLogger(__name__)

# Image property -> its name before Nova's ImageMetaProps; the current name
# wins when an image has both.
_LEGACY_NAMES = {
    'hw_architecture': 'architecture',
    'img_hv_type': 'hypervisor_type',
    'hw_vm_mode': 'vm_mode',
    'img_hv_requested_version': 'hypervisor_version_requires',
}

# Old spellings Nova canonicalises to the names hosts report.
_ARCH_ALIASES = {'i386': 'i686', 'i486': 'i686', 'i586': 'i686',
                 'x86_32': 'i686', 'x86_32p': 'i686', 'amd64': 'x86_64'}
_HV_TYPE_ALIASES = {'xapi': 'xen'}
_VM_MODE_ALIASES = {'pv': 'xen', 'hv': 'hvm', 'baremetal': 'hvm'}


def _image_prop(props, name):
    value = props.get(name)
    if value is None:
        value = props.get(_LEGACY_NAMES[name])
    return value


def _canonical(value, aliases):
    if not value:
        return None
    value = value.lower()
    return aliases.get(value, value)


def _requested(props):
    """(architecture, hypervisor type, vm mode) the image asks for, each
    canonical or None, in the order of a supported_instances entry."""
    return (_canonical(_image_prop(props, 'hw_architecture'), _ARCH_ALIASES),
            _canonical(_image_prop(props, 'img_hv_type'), _HV_TYPE_ALIASES),
            _canonical(_image_prop(props, 'hw_vm_mode'), _VM_MODE_ALIASES))


def _entry_matches(requested, supported):
    return all(want is None or want == have
               for want, have in zip(requested, supported))


def _version_satisfied(hypervisor_version, required):
    """Whether the host's hypervisor version (Nova's integer form, e.g.
    6002000 for 6.2.0) meets a requirement such as ``>=6.0``; met when
    either is unknown."""
    if not (hypervisor_version and required):
        return True
    try:
        predicate = versionutils.VersionPredicate(required)
    except ValueError:
        LOG.debug('Image requires an unreadable hypervisor version %r',
                  required)
        return False
    return predicate.satisfied_by(
        versionutils.convert_version_to_str(hypervisor_version))


class ImagePropertiesFilter(filters.BaseHostFilter):
    """Only hosts that support the image's architecture, hypervisor type
    and vm mode (``hw_architecture``, ``img_hv_type``, ``hw_vm_mode``, or
    their legacy names) in one of their ``supported_instances``, at the
    hypervisor version it asks for (``img_hv_requested_version``). An image
    asking for none of the three passes every host."""

    # The new image of a rebuild must still suit the instance's host.
    RUN_ON_REBUILD = True

    def passes_every_host(self, spec_obj):
        image = spec_obj.obj_get('image')
        props = (image.obj_get('properties') if image else None) or {}
        return not any(_requested(props))

    def host_passes(self, host_state, spec_obj):
        image = spec_obj.obj_get('image')
        props = (image.obj_get('properties') if image else None) or {}
        requested = _requested(props)
        if not any(requested):
            return True
        required_version = _image_prop(props, 'img_hv_requested_version')
        for supported in host_state.supported_instances or []:
            if (_entry_matches(requested, supported) and
                    _version_satisfied(host_state.hypervisor_version,
                                       required_version)):
                return True
        LOG.debug('%(host_state)s does not support %(requested)s at '
                  'hypervisor version %(version)s: it supports '
                  '%(supported)s at %(host_version)s',
                  {'host_state': host_state, 'requested': requested,
                   'version': required_version,
                   'supported': host_state.supported_instances,
                   'host_version': host_state.hypervisor_version})
        return False
