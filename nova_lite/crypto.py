"""Key material of key pairs, as Nova's crypto module makes it: RSA key
pairs in OpenSSH format, x509 client certificates for WinRM, and their
fingerprints."""

import base64
import binascii
import datetime
import hashlib

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography import x509
from cryptography.x509 import oid

from nova_lite import exception

# The comment Nova puts after the keys it generates.
KEY_COMMENT = 'Generated-by-Nova'
# Microsoft's user principal name, the subjectAltName WinRM maps to a user.
UPN_OID = x509.ObjectIdentifier('1.3.6.1.4.1.311.20.2.3')
X509_VALIDITY = datetime.timedelta(days=3650)
# The longest common name a certificate may have (RFC 5280 ub-common-name).
X509_MAX_CN = 64


def _colon_hex(digest):
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def generate_fingerprint(public_key):
    """The MD5 fingerprint of an OpenSSH public key ('xx:xx:...');
    InvalidKeypair if it is not one."""
    try:
        serialization.load_ssh_public_key(public_key.encode('utf-8'))
        key_data = base64.b64decode(public_key.split(' ')[1])
    except Exception:
        raise exception.InvalidKeypair(
            reason='failed to generate fingerprint')
    return _colon_hex(hashlib.md5(key_data,
                                  usedforsecurity=False).hexdigest())


def generate_x509_fingerprint(pem_key):
    """The SHA1 fingerprint of a PEM x509 certificate; InvalidKeypair if
    it is not one."""
    try:
        if isinstance(pem_key, str):
            pem_key = pem_key.encode('utf-8')
        cert = x509.load_pem_x509_certificate(pem_key)
    except (ValueError, TypeError, binascii.Error) as ex:
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. '
                   'Error message: %s' % ex)
    return _colon_hex(cert.fingerprint(hashes.SHA1()).hex())


def generate_key_pair(bits=2048):
    """A new RSA key pair: (private key in PEM, public key in OpenSSH
    format, fingerprint)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode('ascii')
    public_key = '%s %s' % (key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode('ascii'), KEY_COMMENT)
    return private_key, public_key, generate_fingerprint(public_key)


def _der_utf8_string(text):
    """``text`` as a DER UTF8String, the encoding an otherName's value
    must have. Short texts only: a common name has at most 64 characters,
    so a UPN made of one stays under 128 bytes, a one-byte length."""
    data = text.encode('utf-8')
    return b'\x0c' + bytes([len(data)]) + data


def _winrm_certificate(key, user_id):
    """A self-signed client certificate whose UPN is user_id@localhost,
    as Nova's openssl configuration makes it."""
    subject = x509.Name([x509.NameAttribute(oid.NameOID.COMMON_NAME,
                                            user_id)])
    upn = x509.OtherName(UPN_OID, _der_utf8_string('%s@localhost' % user_id))
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = x509.CertificateBuilder()
    builder = builder.subject_name(subject).issuer_name(subject)
    builder = builder.public_key(key.public_key())
    builder = builder.serial_number(x509.random_serial_number())
    builder = builder.not_valid_before(now)
    builder = builder.not_valid_after(now + X509_VALIDITY)
    builder = builder.add_extension(
        x509.ExtendedKeyUsage([oid.ExtendedKeyUsageOID.CLIENT_AUTH]),
        critical=False)
    builder = builder.add_extension(x509.SubjectAlternativeName([upn]),
                                    critical=False)
    return builder.sign(key, hashes.SHA256())


def generate_winrm_x509_cert(user_id, bits=2048):
    """A certificate for passwordless WinRM login as ``user_id``:
    (PKCS#12 bundle of key and certificate in base64, certificate in PEM,
    fingerprint)."""
    if len(user_id) > X509_MAX_CN:
        # The certificate's common name is the user id, at most 64
        # characters (openssl refuses longer ones for Nova too).
        raise exception.InvalidKeypair(
            reason='failed to generate X509 certificate: user id longer '
                   'than %d characters' % X509_MAX_CN)
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    cert = _winrm_certificate(key, user_id)
    certificate = cert.public_bytes(
        serialization.Encoding.PEM).decode('ascii')
    bundle = pkcs12.serialize_key_and_certificates(
        None, key, cert, None, serialization.NoEncryption())
    return (base64.b64encode(bundle).decode('ascii'), certificate,
            generate_x509_fingerprint(certificate))
