"""ImageMeta: an image's metadata as the compute host and the driver use it."""

from oslo_versionedobjects import fields

from nova_lite.objects import base

# The image properties Nova knows by name (its ImageMetaProps fields and
# the legacy names it still reads some of them by), by prefix.
_HW_PROPERTIES = '''
    architecture auto_disk_config boot_menu cdrom_bus cpu_cores
    cpu_max_cores cpu_max_sockets cpu_max_threads cpu_policy
    cpu_realtime_mask cpu_sockets cpu_thread_policy cpu_threads device_id
    disk_bus disk_type emulation_architecture ephemeral_encryption
    ephemeral_encryption_format ephemeral_encryption_secret_uuid
    firmware_stateless firmware_type floppy_bus input_bus ipxe_boot
    locked_memory machine_type maxphysaddr_bits maxphysaddr_mode
    mem_encryption mem_encryption_model mem_page_size numa_cpus numa_mem
    numa_nodes pci_numa_affinity_policy pmu pointer_model qemu_guest_agent
    redirected_usb_ports rescue_bus rescue_device rng_model scsi_model
    serial_port_count sound_model time_hpet tpm_model tpm_version usb_model
    video_model video_ram vif_model vif_multiqueue_enabled viommu_model
    virtio_packed_ring vm_mode watchdog_action
'''.split()
_IMG_PROPERTIES = '''
    bdm_v2 bittorrent block_device_mapping cache_in_nova compression_level
    config_drive hide_hypervisor_id hv_requested_version hv_type
    linked_clone mappings owner_id root_device_name signature
    signature_certificate_uuid signature_hash_method signature_key_type
    use_agent version
'''.split()
_OS_PROPERTIES = '''
    admin_user command_line distro require_quiesce secure_boot
    skip_agent_inject_files_at_boot skip_agent_inject_ssh type
'''.split()
_LEGACY_PROPERTIES = '''
    architecture owner_id vmware_disktype vmware_image_version vmware_ostype
    auto_disk_config ipxe_boot xenapi_device_id
    xenapi_image_compression_level vmware_linked_clone xenapi_use_agent
    xenapi_skip_agent_inject_ssh xenapi_skip_agent_inject_files_at_boot
    cache_in_nova vm_mode bittorrent mappings block_device_mapping bdm_v2
    root_device_name hypervisor_version_requires hypervisor_type
'''.split()
STANDARD_PROPERTIES = frozenset(
    ['hw_' + name for name in _HW_PROPERTIES] +
    ['img_' + name for name in _IMG_PROPERTIES] +
    ['os_' + name for name in _OS_PROPERTIES] +
    ['traits_required'] + _LEGACY_PROPERTIES)


@base.NovaObjectRegistry.register
class ImageMeta(base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'status': fields.StringField(nullable=True),
        'disk_format': fields.StringField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'virtual_size': fields.IntegerField(nullable=True),
        'checksum': fields.StringField(nullable=True),
        'min_disk': fields.IntegerField(default=0),
        'min_ram': fields.IntegerField(default=0),
        'owner': fields.StringField(nullable=True),
        # Where the compute host reads the image data from (file://...), as
        # Glance's direct_url with Nova's allowed_direct_url_schemes.
        'direct_url': fields.StringField(nullable=True),
        'properties': fields.DictOfNullableStringsField(default={}),
        'created_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
    }

    @classmethod
    def from_dict(cls, image_meta):
        """Build from an image dict as the image API returns it."""
        values = {k: v for k, v in (image_meta or {}).items()
                  if k in cls.fields and v is not None}
        values['properties'] = {k: str(v) for k, v in
                                (image_meta.get('properties') or {}).items()}
        return cls(**values)

    @classmethod
    def from_instance(cls, instance):
        """The image the instance was built from, as recorded in its
        system_metadata (``image_<key>``) when it was created or rebuilt."""
        sys_meta = instance.obj_get('system_metadata') or {}
        image = {key[len('image_'):]: value
                 for key, value in sys_meta.items()
                 if key.startswith('image_')}
        values = {'id': instance.image_ref, 'properties': {}}
        for key, value in image.items():
            if key in ('disk_format', 'container_format'):
                values[key] = value
            elif key in ('min_disk', 'min_ram'):
                values[key] = int(value or 0)
            elif key != 'base_image_ref':
                values['properties'][key] = value
        return cls(**values)
