"""Image pre-caching on the hosts of an aggregate (Nova's
ComputeTaskManager.cache_images): every compute host of the aggregate
that is up is asked to cache the images, at most ``[image_cache]
precache_concurrency`` hosts at a time; what they answer is summed up in
the log. Hosts that are down are skipped, not waited for.
"""

import collections
import concurrent.futures
import threading
import time

from oslo_log import log as logging

from nova_lite import objects

LOG = logging.getLogger(__name__)

COMPUTE_BINARY = 'nova-lite-compute'


class PrecacheStats(object):
    """What the hosts answered: how many (image, host) pairs ended in
    each status, the hosts where each image failed, the hosts skipped."""

    def __init__(self):
        self._lock = threading.Lock()
        self.statuses = collections.Counter()
        self.failures = collections.Counter()
        self.skipped_hosts = set()

    def host_answered(self, host, result):
        """Count ``result`` ({image id: status}) of ``host``."""
        with self._lock:
            for image_id, status in result.items():
                self.statuses[status] += 1
                if status == 'error':
                    self.failures[image_id] += 1

    def host_skipped(self, host):
        with self._lock:
            self.skipped_hosts.add(host)


def _is_up(context, conf, host):
    service = objects.Service.get_by_host_and_binary(context, host,
                                                     COMPUTE_BINARY)
    return service is not None and service.is_up(conf.service_down_time)


def cache_images(context, conf, compute_rpcapi, aggregate, image_ids):
    """Ask the compute hosts of ``aggregate`` that are up to cache
    ``image_ids`` and wait for their answers; returns a PrecacheStats."""
    hosts = list(aggregate.hosts or [])
    LOG.info('Preparing to request pre-caching of image(s) %(image_ids)s '
             'on %(hosts)i hosts.',
             {'image_ids': ','.join(image_ids), 'hosts': len(hosts)})
    start = time.monotonic()
    stats = PrecacheStats()

    def ask(host):
        try:
            result = compute_rpcapi.cache_images(context, host=host,
                                                 image_ids=image_ids)
        except Exception:
            # No answer (e.g. the host died meanwhile): nothing is known
            # to be cached there.
            LOG.exception('Image pre-cache request to compute %(host)r '
                          'failed', {'host': host})
            result = {image_id: 'error' for image_id in image_ids}
        stats.host_answered(host, result)

    up_hosts = []
    for host in hosts:
        if _is_up(context, conf, host):
            up_hosts.append(host)
        else:
            LOG.info('Skipping image pre-cache request to compute %(host)r '
                     'because it is not up', {'host': host})
            stats.host_skipped(host)
    if up_hosts:
        with concurrent.futures.ThreadPoolExecutor(
                max_workers=conf.image_cache.precache_concurrency) as pool:
            list(pool.map(ask, up_hosts))
    _log_summary(image_ids, stats, time.monotonic() - start)
    return stats


def _log_summary(image_ids, stats, elapsed):
    LOG.info('Image pre-cache operation for image(s) %(image_ids)s '
             'completed in %(time).2f seconds; %(cached)i cached, '
             '%(existing)i existing, %(error)i errors, %(unsupported)i '
             'unsupported, %(skipped)i skipped (down) hosts',
             {'image_ids': ','.join(image_ids), 'time': elapsed,
              'cached': stats.statuses['cached'],
              'existing': stats.statuses['existing'],
              'error': stats.statuses['error'],
              'unsupported': stats.statuses['unsupported'],
              'skipped': len(stats.skipped_hosts)})
    for image_id, fails in sorted(stats.failures.items()):
        LOG.warning('Image pre-cache operation for image %(image)s failed '
                    '%(fails)i times', {'image': image_id, 'fails': fails})
