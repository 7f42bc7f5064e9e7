namespace MixConsole.ControlSurface.Security
{
    /// <summary>
    /// SHA-256 (FIPS 180-4) in plain C# for nanoFramework, which has no hash in its core library. Buffers are
    /// allocated once; hashing allocates nothing.
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Digest size in bytes.</summary>
        public const int HashBytes = 32;

        /// <summary>Block size in bytes.</summary>
        public const int BlockBytes = 64;

        private static readonly uint[] K =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockLength;
        private long _totalBytes;

        /// <summary>Starts a new digest.</summary>
        public void Reset()
        {
            _state[0] = 0x6a09e667;
            _state[1] = 0xbb67ae85;
            _state[2] = 0x3c6ef372;
            _state[3] = 0xa54ff53a;
            _state[4] = 0x510e527f;
            _state[5] = 0x9b05688c;
            _state[6] = 0x1f83d9ab;
            _state[7] = 0x5be0cd19;
            _blockLength = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            for (int i = 0; i < count; i++)
            {
                _block[_blockLength++] = data[offset + i];
                if (_blockLength == BlockBytes)
                {
                    Compress();
                    _blockLength = 0;
                }
            }
        }

        /// <summary>Pads, finishes and writes the 32-byte digest to <paramref name="hash"/> at <paramref name="offset"/>.</summary>
        public void Finish(byte[] hash, int offset)
        {
            long bits = _totalBytes * 8;
            _block[_blockLength++] = 0x80;
            if (_blockLength > BlockBytes - 8)
            {
                while (_blockLength < BlockBytes)
                {
                    _block[_blockLength++] = 0;
                }

                Compress();
                _blockLength = 0;
            }

            while (_blockLength < BlockBytes - 8)
            {
                _block[_blockLength++] = 0;
            }

            for (int i = 0; i < 8; i++)
            {
                _block[BlockBytes - 1 - i] = (byte)(bits >> (8 * i));
            }

            Compress();
            for (int i = 0; i < 8; i++)
            {
                uint s = _state[i];
                hash[offset + (4 * i)] = (byte)(s >> 24);
                hash[offset + (4 * i) + 1] = (byte)(s >> 16);
                hash[offset + (4 * i) + 2] = (byte)(s >> 8);
                hash[offset + (4 * i) + 3] = (byte)s;
            }

            _blockLength = 0;
        }

        private void Compress()
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int p = 4 * t;
                w[t] = ((uint)_block[p] << 24) | ((uint)_block[p + 1] << 16) | ((uint)_block[p + 2] << 8) | _block[p + 3];
            }

            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint s0 = Rotr(x, 7) ^ Rotr(x, 18) ^ (x >> 3);
                uint s1 = Rotr(y, 17) ^ Rotr(y, 19) ^ (y >> 10);
                w[t] = w[t - 16] + s0 + w[t - 7] + s1;
            }

            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int t = 0; t < 64; t++)
            {
                uint t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }

            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }

        private static uint Rotr(uint x, int n)
        {
            return (x >> n) | (x << (32 - n));
        }
    }
}
