"""Small disk images for the injection tests, made with mkfs and mtools,
and readers that look inside them without libguestfs."""

import hashlib
import os
import re
import subprocess

PASSWD = ('root:x:0:0:root:/root:/bin/sh\n'
          'demo:x:1000:1000::/home/demo:/bin/sh\n')
GROUP = 'root:x:0:\ndemo:x:1000:\n'
SHADOW = 'root:*:19000:0:99999:7:::\ndemo:!:19000:0:99999:7:::\n'


def _skeleton(root):
    """The files that make a directory look like a Linux root to
    libguestfs' inspection."""
    for name, content in (('etc/passwd', PASSWD), ('etc/group', GROUP),
                          ('etc/shadow', SHADOW), ('etc/fstab', ''),
                          ('etc/hosts', '127.0.0.1 localhost\n'),
                          ('bin/.keep', ''), ('root/.keep', '')):
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(content)
    return root


def make_ext4_root(tmp_path, name='root.ext4'):
    """A raw, unpartitioned ext4 image holding a tiny Linux root."""
    path = str(tmp_path / name)
    tree = _skeleton(str(tmp_path / (name + '.tree')))
    subprocess.run(['mkfs.ext4', '-q', '-F', '-d', tree, path, '16M'],
                   check=True)
    return path


def make_fat(tmp_path, name='root.fat', linux_root=True):
    """A raw, unpartitioned FAT image, a tiny Linux root or empty."""
    path = str(tmp_path / name)
    with open(path, 'wb') as f:
        f.truncate(16 * 1024 * 1024)
    subprocess.run(['mkfs.vfat', '-n', 'TEST', path], check=True,
                   capture_output=True)
    if linux_root:
        tree = _skeleton(str(tmp_path / (name + '.tree')))
        subprocess.run(['mcopy', '-s', '-i', path] +
                       [os.path.join(tree, d) for d in ('etc', 'bin', 'root')]
                       + ['::/'], check=True)
    return path


def md5(path):
    with open(path, 'rb') as f:
        return hashlib.md5(f.read()).hexdigest()


def ext4_cat(image, path):
    return subprocess.run(['debugfs', '-R', 'cat %s' % path, image],
                          check=True, capture_output=True, text=True).stdout


def ext4_stat(image, path):
    """(mode, uid, gid) of ``path`` in the ext4 ``image``."""
    out = subprocess.run(['debugfs', '-R', 'stat %s' % path, image],
                         check=True, capture_output=True, text=True).stdout
    mode = re.search(r'Mode:\s+(\d+)', out)
    owner = re.search(r'User:\s+(\d+)\s+Group:\s+(\d+)', out)
    assert mode and owner, out
    return int(mode.group(1), 8), int(owner.group(1)), int(owner.group(2))


def fat_cat(image, path):
    return subprocess.run(['mtype', '-i', image, '::' + path], check=True,
                          capture_output=True).stdout
