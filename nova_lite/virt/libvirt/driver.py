"""The libvirt compute driver: boots QEMU/KVM guests through libvirt.

spawn() follows Nova's steps: work out the disk mapping
(blockinfo.get_disk_info), create the disks (_create_image), build the
domain XML (_get_guest_xml) and define and start the domain
(_create_guest_with_network).
"""

import errno
import functools
import mmap
import os
import shutil
import time

from lxml import etree
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import excutils
from oslo_utils import fileutils
from oslo_utils import units

from nova_lite.compute import power_state
from nova_lite import exception
from nova_lite.virt import driver
from nova_lite.virt import images
from nova_lite.virt.libvirt import blockinfo
from nova_lite.virt.libvirt import configdrive
from nova_lite.virt.libvirt import designer
from nova_lite.virt.libvirt import guest as libvirt_guest
from nova_lite.virt.libvirt import host
from nova_lite.virt.libvirt import imagebackend
from nova_lite.virt.libvirt import imagecache
from nova_lite.virt.libvirt import injection
from nova_lite.virt.libvirt import lifecycle
from nova_lite.virt.libvirt import vif as libvirt_vif

try:
    import libvirt
except ImportError:  # pragma: no cover - libvirt-python is a requirement
    libvirt = None

LOG = logging.getLogger(__name__)

# How much of the console log get_console_output returns, as Nova.
MAX_CONSOLE_BYTES = 100 * units.Ki
VALID_CACHEMODES = ('default', 'none', 'writethrough', 'writeback',
                    'directsync', 'unsafe')
# Seconds between power state polls while waiting for a new guest to run.
BOOT_POLL_INTERVAL = 0.5


class LibvirtDriver(lifecycle.LifecycleMixin, driver.ComputeDriver):
    """Compute driver for QEMU/KVM guests managed by libvirt."""

    # Seconds spawn waits for a defined and started domain to be running.
    boot_timeout = 60

    def __init__(self, virtapi, conf):
        super().__init__(virtapi, conf)
        self._host = host.Host(self._uri(),
                               lifecycle_event_handler=self.emit_event)
        self.image_backend = imagebackend.Backend(
            conf.libvirt.images_type, conf.instances_path,
            conf.image_cache.subdirectory_name)
        self._disk_cachemode = None
        self.disk_cachemodes = self._parse_disk_cachemodes()
        self.vif_driver = libvirt_vif.LibvirtGenericVIFDriver(conf)
        self._designer = designer.GuestDesigner(conf, self.image_backend,
                                                self.vif_driver)

    # -- configuration ----------------------------------------------------

    def _uri(self):
        # Both kvm and qemu guests are run by libvirt's QEMU driver.
        return self.conf.libvirt.connection_uri or 'qemu:///system'

    def _parse_disk_cachemodes(self):
        modes = {}
        for item in self.conf.libvirt.disk_cachemodes:
            disk_type, _, mode = item.partition('=')
            if mode not in VALID_CACHEMODES:
                LOG.warning('Invalid cachemode %(mode)s for disk type '
                            '%(type)s', {'mode': mode, 'type': disk_type})
                continue
            modes[disk_type] = mode
        return modes

    @property
    def disk_cachemode(self):
        # 'none' bypasses the host page cache (consistent performance,
        # safe on host crash) but needs O_DIRECT, which e.g. tmpfs lacks.
        if self._disk_cachemode is None:
            self._disk_cachemode = 'none'
            if not self._supports_direct_io(self.conf.instances_path):
                self._disk_cachemode = 'writethrough'
        return self.disk_cachemodes.get('file', self._disk_cachemode)

    @staticmethod
    def _supports_direct_io(dirpath):
        testfile = os.path.join(dirpath, '.directio.test')
        fd = None
        try:
            fd = os.open(testfile, os.O_CREAT | os.O_WRONLY | os.O_DIRECT)
            # O_DIRECT needs an aligned buffer; an anonymous mmap is one.
            with mmap.mmap(-1, 4096) as buf:
                buf.write(b'x' * 4096)
                os.write(fd, buf)
            return True
        except OSError as e:
            if e.errno != errno.EINVAL:
                LOG.warning('Could not test O_DIRECT in %s: %s', dirpath, e)
            return False
        finally:
            if fd is not None:
                os.close(fd)
            if os.path.exists(testfile):
                os.unlink(testfile)

    def _machine_type(self, image_meta):
        return designer.machine_type(self.conf, image_meta)

    def _instance_dir(self, instance):
        return designer.instance_dir(self.conf, instance)

    # -- host -------------------------------------------------------------

    def init_host(self, host):
        """Connect to libvirt and check it can run ``virt_type`` guests."""
        fileutils.ensure_tree(self.conf.instances_path)
        self._host.get_connection()
        self._check_virt_type()
        LOG.info('libvirt driver ready on %(host)s (%(uri)s, virt_type '
                 '%(virt)s)', {'host': host, 'uri': self._host.uri,
                               'virt': self.conf.libvirt.virt_type})

    def _check_virt_type(self):
        # The test driver offers only its own domain type.
        if self._host.is_test_driver():
            return
        virt_type = self.conf.libvirt.virt_type
        caps = self._host.get_capabilities()
        types = {d.get('type') for d in caps.iterfind('guest/arch/domain')}
        if virt_type not in types:
            raise exception.UnsupportedVirtType(virt=virt_type)

    def cleanup_host(self, host):
        """Close the libvirt connection."""
        self._host.close()

    def get_available_nodes(self):
        """Return the one node this driver manages: ``conf.host``."""
        return [self.conf.host]

    def _get_vcpu_used(self):
        return sum(g.get_vcpu_count()
                   for g in self._host.list_guests(only_running=True))

    def get_available_resource(self, nodename):
        """Return the host's resources for the resource tracker."""
        disk = os.statvfs(self.conf.instances_path)
        total_gb = disk.f_frsize * disk.f_blocks // units.Gi
        free_gb = disk.f_frsize * disk.f_bavail // units.Gi
        return {
            'vcpus': self._host.get_cpu_count(),
            'memory_mb': self._host.get_memory_mb_total(),
            'local_gb': total_gb,
            'vcpus_used': self._get_vcpu_used(),
            'memory_mb_used': self._host.get_memory_mb_used(),
            'local_gb_used': total_gb - free_gb,
            # Instance disks are qcow2 overlays that grow as the guests
            # write; what is free now is all that is sure.
            'disk_available_least': free_gb,
            'hypervisor_type': self._host.get_hypervisor_type(),
            'hypervisor_version': self._host.get_version(),
            'hypervisor_hostname': nodename,
            'cpu_info': self._host.get_cpu_info(),
        }

    # -- queries ----------------------------------------------------------

    def get_info(self, instance):
        """Return the InstanceInfo (nova power state) of the guest."""
        guest = self._host.get_guest(instance)
        return driver.InstanceInfo(state=guest.get_power_state(self._host))

    def list_instance_uuids(self):
        """Return the UUIDs of all domains, running or not."""
        return [g.uuid for g in self._host.list_guests(only_running=False)]

    def instance_exists(self, instance):
        """Whether libvirt has a domain for the instance."""
        try:
            self._host.get_guest(instance)
            return True
        except exception.InstanceNotFound:
            return False

    def get_console_output(self, context, instance):
        """Return the last 100 KiB of the guest's serial console log."""
        guest = self._host.get_guest(instance)
        doc = etree.fromstring(guest.get_xml_desc())
        paths = doc.xpath("./devices/console[@type='file']/source/@path |"
                          " ./devices/serial[@type='file']/source/@path")
        if not paths:
            raise exception.ConsoleNotAvailable()
        path = paths[0]
        if not os.path.exists(path):
            LOG.info('Console log %s is not there (yet?)', path,
                     instance=instance)
            return ''
        try:
            with open(path, 'rb') as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - MAX_CONSOLE_BYTES))
                data = f.read()
        except OSError as e:
            raise exception.ConsoleLogOutputException(
                instance_id=instance.uuid, reason=str(e))
        return data.decode('utf-8', errors='replace')

    # -- spawn ------------------------------------------------------------

    def spawn(self, context, instance, image_meta, injected_files,
              admin_password, allocations, network_info=None,
              block_device_info=None):
        """Create the disks, define the domain and start it.

        On any failure the domain is destroyed and undefined and the
        instance directory removed before the error is re-raised.
        """
        # A domain already there belongs to someone: fail before the
        # failure cleanup below could remove it.
        if self.instance_exists(instance):
            raise exception.InstanceExists(name=instance.name)
        disk_info = self._get_disk_info(instance, image_meta,
                                        block_device_info)
        start = time.monotonic()
        try:
            self._create_image(context, instance, disk_info.mapping,
                               image_meta, injected_files=injected_files,
                               admin_pass=admin_password,
                               network_info=network_info)
            xml = self._get_guest_xml(context, instance, network_info,
                                      disk_info, image_meta,
                                      block_device_info=block_device_info)
            self._create_guest_with_network(context, xml, instance,
                                            network_info, block_device_info)
            LOG.debug('Guest created on hypervisor', instance=instance)
            self._wait_for_running(instance)
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.error('Failed to spawn; removing what was created',
                          instance=instance)
                self._cleanup_failed_spawn(instance, network_info)
        LOG.info('Instance spawned successfully in %.1f seconds.',
                 time.monotonic() - start, instance=instance)

    def _get_disk_info(self, instance, image_meta, block_device_info):
        return blockinfo.get_disk_info(
            self.conf.libvirt.virt_type, instance, image_meta,
            block_device_info, machine_type=self._machine_type(image_meta),
            force_config_drive=self.conf.force_config_drive)

    def _wait_for_running(self, instance):
        deadline = time.monotonic() + self.boot_timeout
        while True:
            state = self.get_info(instance).state
            if state == power_state.RUNNING:
                return
            if time.monotonic() > deadline:
                raise exception.InstanceDeployFailure(
                    reason='guest not running after %ds (power state %s)'
                    % (self.boot_timeout, state))
            time.sleep(BOOT_POLL_INTERVAL)

    def _cleanup_failed_spawn(self, instance, network_info):
        try:
            self._destroy(instance)
            self._undefine_domain(instance)
        except Exception:
            LOG.exception('Could not remove the domain of a failed spawn',
                          instance=instance)
        self.unplug_vifs(instance, network_info)
        try:
            self._delete_instance_files(instance)
        except Exception:
            LOG.exception('Could not remove the instance directory of a '
                          'failed spawn', instance=instance)

    # -- disks ------------------------------------------------------------

    def _create_image(self, context, instance, disk_mapping, image_meta,
                      injected_files=None, admin_pass=None,
                      network_info=None):
        """Create the instance directory and the disks of the mapping."""
        inst_dir = self._instance_dir(instance)
        fileutils.ensure_tree(inst_dir)
        LOG.info('Creating image(s)', instance=instance)
        flavor = instance.flavor
        if 'disk' in disk_mapping:
            self._create_root_disk(context, instance, image_meta, inst_dir)
            injection.inject_data(
                self.conf, instance, image_meta,
                self.image_backend.by_name(inst_dir, 'disk'),
                network_info=network_info, files=injected_files,
                admin_pass=admin_pass)
        if 'disk.local' in disk_mapping:
            gb = flavor.ephemeral_gb
            disk = self.image_backend.by_name(inst_dir, 'disk.local')
            disk.cache(fetch_func=self._create_ephemeral,
                       filename='ephemeral_%d_ext4' % gb,
                       size=gb * units.Gi, ephemeral_size=gb)
        if 'disk.swap' in disk_mapping:
            swap_mb = flavor.swap
            disk = self.image_backend.by_name(inst_dir, 'disk.swap')
            disk.cache(fetch_func=self._create_swap,
                       filename='swap_%d' % swap_mb,
                       size=swap_mb * units.Mi, swap_mb=swap_mb)
        if 'disk.config' in disk_mapping:
            LOG.info('Creating config drive', instance=instance)
            configdrive.make_config_drive(
                os.path.join(inst_dir, 'disk.config'), instance,
                injected_files=injected_files, admin_password=admin_pass,
                network_info=network_info,
                drive_format=self.conf.config_drive_format,
                dhcp_domain=self.conf.api.dhcp_domain)

    def _create_root_disk(self, context, instance, image_meta, inst_dir):
        image_id = image_meta.obj_get('id') or instance.image_ref
        root_gb = instance.flavor.root_gb
        disk = self.image_backend.by_name(inst_dir, 'disk')
        # The cache file is named after the image so every instance of the
        # image shares one download.
        filename = imagecache.get_cache_fname(image_id)
        disk.cache(fetch_func=functools.partial(self._fetch_image, context,
                                                image_meta),
                   filename=filename,
                   size=root_gb * units.Gi if root_gb else None)

    def _fetch_image(self, context, image_meta, target):
        images.fetch_to_raw(context, image_meta, target,
                            force_raw=getattr(self.conf, 'force_raw_images',
                                              True))

    def cache_image(self, context, image_id):
        """Download image ``image_id`` into the image cache as spawn does
        (the same base file, format and lock), so that a later build on
        this host finds it there; True if it was downloaded, False if it
        was cached already (its modification time is then refreshed, as
        a build's use refreshes it)."""
        def fetch(target):
            LOG.info('Caching image %(image_id)s by request',
                     {'image_id': image_id})
            self._fetch_image(context,
                              images.get_image_meta(context, image_id),
                              target)

        fetched = self.image_backend.cache_base(
            imagecache.get_cache_fname(image_id), fetch)
        if not fetched:
            LOG.info('Image %(image_id)s already cached; updating timestamp',
                     {'image_id': image_id})
        return fetched

    @staticmethod
    def _create_ephemeral(target, ephemeral_size, fs_label='ephemeral0'):
        with fileutils.remove_path_on_error(target):
            processutils.execute('qemu-img', 'create', '-f', 'raw', target,
                                 '%dG' % ephemeral_size)
            processutils.execute('mkfs', '-t', 'ext4', '-F', '-q', '-L',
                                 fs_label, target)

    @staticmethod
    def _create_swap(target, swap_mb):
        with fileutils.remove_path_on_error(target):
            processutils.execute('qemu-img', 'create', '-f', 'raw', target,
                                 '%dM' % swap_mb)
            processutils.execute('mkswap', target)

    def manage_image_cache(self, context, all_instances):
        """Remove the cached base files none of ``all_instances`` (the
        instances of this host) uses once they are old enough."""
        imagecache.ImageCacheManager(self.conf).update(context,
                                                       all_instances)

    # -- guest XML --------------------------------------------------------

    def _get_guest_xml(self, context, instance, network_info, disk_info,
                       image_meta, block_device_info=None):
        """Build the domain XML and keep a copy as libvirt.xml."""
        conf = self._designer.get_guest_config(
            instance, network_info, image_meta, disk_info,
            self.disk_cachemode, context=context)
        xml = conf.to_xml()
        path = os.path.join(self._instance_dir(instance), 'libvirt.xml')
        with open(path, 'w') as f:
            f.write(xml)
        LOG.debug('Guest XML:\n%s', xml, instance=instance)
        return xml

    # -- launch -----------------------------------------------------------

    def _create_guest(self, xml, power_on=True, pause=False):
        guest = libvirt_guest.Guest.create(xml, self._host)
        if power_on or pause:
            guest.launch(pause=pause)
        return guest

    def _create_guest_with_network(self, context, xml, instance,
                                   network_info, block_device_info,
                                   power_on=True):
        """Plug the VIFs, then define and start the domain (spawn's
        failure cleanup unplugs them)."""
        self.plug_vifs(instance, network_info)
        return self._create_guest(xml, power_on=power_on)

    def plug_vifs(self, instance, network_info):
        """Make the host side of every VIF ready (bridge, DHCP entry);
        libvirt creates the tap devices itself when the domain starts."""
        for vif in network_info or ():
            self.vif_driver.plug(instance, vif)

    def unplug_vifs(self, instance, network_info):
        """Undo plug_vifs; every VIF is tried, failures are logged."""
        for vif in network_info or ():
            try:
                self.vif_driver.unplug(instance, vif)
            except Exception:
                LOG.exception('Could not unplug VIF %s', vif.id,
                              instance=instance)

    # -- destroy ----------------------------------------------------------

    def destroy(self, context, instance, network_info,
                block_device_info=None, destroy_disks=True):
        """Stop the domain, undefine it and remove the instance directory.

        Doing nothing for parts that are already gone.
        """
        self._destroy(instance)
        self.cleanup(context, instance, network_info, block_device_info,
                     destroy_disks)

    def _destroy(self, instance):
        try:
            guest = self._host.get_guest(instance)
        except exception.InstanceNotFound:
            return
        try:
            if guest.is_active():
                guest.poweroff()
        except libvirt.libvirtError as e:
            # The domain stopped (or vanished) between the check and the
            # destroy: that is the state wanted.
            if e.get_error_code() not in (libvirt.VIR_ERR_OPERATION_INVALID,
                                          libvirt.VIR_ERR_NO_DOMAIN):
                raise
        LOG.info('Instance destroyed.', instance=instance)

    def cleanup(self, context, instance, network_info, block_device_info=None,
                destroy_disks=True):
        """Undefine the domain, unplug its VIFs and, with destroy_disks,
        delete its files."""
        self._undefine_domain(instance)
        self.unplug_vifs(instance, network_info)
        if destroy_disks:
            self._delete_instance_files(instance)

    def _undefine_domain(self, instance):
        try:
            guest = self._host.get_guest(instance)
        except exception.InstanceNotFound:
            return
        try:
            guest.delete_configuration()
        except libvirt.libvirtError as e:
            if e.get_error_code() != libvirt.VIR_ERR_NO_DOMAIN:
                raise

    def _delete_instance_files(self, instance):
        path = self._instance_dir(instance)
        if not os.path.exists(path):
            return
        # Move the directory aside first so a half-deleted directory is
        # never mistaken for a live instance's.
        target = path + '_del'
        if os.path.exists(target):
            shutil.rmtree(target)
        os.rename(path, target)
        shutil.rmtree(target)
        LOG.info('Deleted instance files %s', path, instance=instance)
