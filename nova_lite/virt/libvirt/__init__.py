"""The libvirt compute driver (``compute_driver = libvirt.LibvirtDriver``)."""

from nova_lite.virt.libvirt import driver

LibvirtDriver = driver.LibvirtDriver

__all__ = ['LibvirtDriver']
