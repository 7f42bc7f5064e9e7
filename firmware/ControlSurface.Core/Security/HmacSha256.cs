namespace MixConsole.ControlSurface.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) with a fixed key: the answer to the host's pairing challenge. The key pads are
    /// computed once; each MAC allocates nothing.
    /// </summary>
    public sealed class HmacSha256
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _innerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _outerPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _innerHash = new byte[Sha256.HashBytes];

        /// <summary>Prepares the MAC for <paramref name="key"/> (hashed first when longer than a block).</summary>
        public HmacSha256(byte[] key)
        {
            byte[] k = new byte[Sha256.BlockBytes];
            if (key.Length > Sha256.BlockBytes)
            {
                _sha.Reset();
                _sha.Update(key, 0, key.Length);
                _sha.Finish(k, 0);
            }
            else
            {
                System.Array.Copy(key, k, key.Length);
            }

            for (int i = 0; i < Sha256.BlockBytes; i++)
            {
                _innerPad[i] = (byte)(k[i] ^ 0x36);
                _outerPad[i] = (byte)(k[i] ^ 0x5c);
            }
        }

        /// <summary>Writes HMAC(key, message) (32 bytes) to <paramref name="mac"/> at <paramref name="macOffset"/>.</summary>
        public void Compute(byte[] message, int offset, int count, byte[] mac, int macOffset)
        {
            _sha.Reset();
            _sha.Update(_innerPad, 0, Sha256.BlockBytes);
            _sha.Update(message, offset, count);
            _sha.Finish(_innerHash, 0);
            _sha.Reset();
            _sha.Update(_outerPad, 0, Sha256.BlockBytes);
            _sha.Update(_innerHash, 0, Sha256.HashBytes);
            _sha.Finish(mac, macOffset);
        }
    }
}
