"""Hardware policy shared by virt drivers: the guest's vCPU topology.

A flavor asks with the extra specs ``hw:cpu_sockets``/``cores``/``threads``
(preferred counts) and ``hw:cpu_max_sockets``/``cores``/``threads``
(limits); an image with the properties ``hw_cpu_sockets`` etc. The image
may only lower the flavor's limits. Of the topologies giving exactly the
flavor's vCPU count within the limits, the one matching most preferred
counts wins; on a tie, fewer threads and then more sockets, so with no
preference every vCPU is a socket, as in Nova.
"""

import collections
import dataclasses

from oslo_log import log as logging

from nova_lite import exception

LOG = logging.getLogger(__name__)

# The limit when neither the flavor nor the image sets one.
UNLIMITED = 65536


@dataclasses.dataclass(frozen=True)
class VirtCPUTopology:
    """A guest CPU layout: sockets x cores x threads vCPUs."""

    sockets: int
    cores: int
    threads: int

    def as_tuple(self):
        return (self.sockets, self.cores, self.threads)


def non_negative_int(value, what):
    """``value`` (an extra spec or image property) as an integer >= 0;
    ``what`` names it in the error."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise exception.InvalidRequest(
            'Invalid %s: %r is not a non-negative integer' % (what, value))
    return count


def _flavor_image_counts(key, flavor, image_meta):
    """The flavor's ``hw:<key>`` and the image's ``hw_<key>`` as integers,
    0 when unset."""
    specs = flavor.obj_get('extra_specs') or {}
    props = image_meta.obj_get('properties') or {}
    return (non_negative_int(specs.get('hw:' + key) or 0,
                             'flavor extra spec hw:' + key),
            non_negative_int(props.get('hw_' + key) or 0,
                             'image property hw_' + key))


def _counts(prefix, flavor, image_meta):
    """{'sockets': (flavor, image), 'cores': ..., 'threads': ...}"""
    return {name: _flavor_image_counts(prefix + name, flavor, image_meta)
            for name in ('sockets', 'cores', 'threads')}


def get_cpu_topology_constraints(flavor, image_meta):
    """Return the (preferred, maximum) VirtCPUTopology asked for.

    A count of 0 in the preferred topology means "no preference".

    :raises ImageVCPULimitsRangeExceeded: the image's limits exceed the
        flavor's.
    :raises ImageVCPUTopologyRangeExceeded: the image's preferred counts
        exceed the limits.
    :raises InvalidRequest: a value is not a non-negative integer.
    """
    limits = _counts('cpu_max_', flavor, image_meta)
    if any(flv and img > flv for flv, img in limits.values()):
        raise exception.ImageVCPULimitsRangeExceeded(
            **{'%s_%s' % (who, name): limits[name][idx]
               for idx, who in enumerate(('flavor', 'image'))
               for name in limits})
    maximum = VirtCPUTopology(**{
        name: img or flv or UNLIMITED
        for name, (flv, img) in limits.items()})

    wanted = _counts('cpu_', flavor, image_meta)
    flavor_pref = VirtCPUTopology(**{n: v[0] for n, v in wanted.items()})
    image_pref = VirtCPUTopology(**{n: v[1] for n, v in wanted.items()})
    if _exceeds(image_pref, maximum):
        raise exception.ImageVCPUTopologyRangeExceeded(
            image_sockets=image_pref.sockets, image_cores=image_pref.cores,
            image_threads=image_pref.threads, max_sockets=maximum.sockets,
            max_cores=maximum.cores, max_threads=maximum.threads)
    # Any preference on the image replaces the flavor's whole preference;
    # a flavor preference the image's limits rule out is dropped.
    if any(image_pref.as_tuple()):
        preferred = image_pref
    elif _exceeds(flavor_pref, maximum):
        preferred = VirtCPUTopology(0, 0, 0)
    else:
        preferred = flavor_pref
    return preferred, maximum


def _exceeds(topology, maximum):
    return any(count > limit for count, limit in
               zip(topology.as_tuple(), maximum.as_tuple()))


def _possible_topologies(vcpus, maximum):
    """Every topology of exactly ``vcpus`` within ``maximum``, fewest
    threads first, then most sockets."""
    possible = [
        VirtCPUTopology(sockets, cores, threads)
        for sockets in range(1, min(vcpus, maximum.sockets) + 1)
        for cores in range(1, min(vcpus, maximum.cores) + 1)
        for threads in range(1, min(vcpus, maximum.threads) + 1)
        if sockets * cores * threads == vcpus]
    if not possible:
        raise exception.ImageVCPULimitsRangeImpossible(
            vcpus=vcpus, sockets=min(vcpus, maximum.sockets),
            cores=min(vcpus, maximum.cores),
            threads=min(vcpus, maximum.threads))
    return sorted(possible, reverse=True,
                  key=lambda t: (t.sockets * t.cores, t.sockets, t.threads))


def _score(topology, preferred):
    """How many of the preferred counts ``topology`` matches (0-3)."""
    return sum(1 for want, have in zip(preferred.as_tuple(),
                                       topology.as_tuple())
               if want and want == have)


def get_best_cpu_topology(flavor, image_meta):
    """Return the VirtCPUTopology the guest of ``flavor`` gets."""
    preferred, maximum = get_cpu_topology_constraints(flavor, image_meta)
    by_score = collections.defaultdict(list)
    for topology in _possible_topologies(flavor.vcpus, maximum):
        by_score[_score(topology, preferred)].append(topology)
    best = by_score[max(by_score)][0]
    LOG.debug('vCPU topology %s (preferred %s, limits %s)', best, preferred,
              maximum)
    return best
