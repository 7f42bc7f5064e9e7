using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;
using MixConsole.ControlSurface.Security;

namespace MixConsole.ControlSurface.Link
{
    /// <summary>
    /// The OSC connection to the host: pairing (when the host asks for its key), handshake, /xremote renewal,
    /// heartbeat, loss detection, reconnect with back-off, and allocation-free sending of queries and values.
    /// Received packets go to the sink, except the pairing answers, which the link takes.
    /// </summary>
    public sealed class OscLink
    {
        /// <summary>Largest packet sent or received.</summary>
        public const int MaxPacketBytes = 1536;

        private readonly IOscTransport _transport;
        private readonly LinkTuning _tuning;
        private readonly IOscMessageSink _sink;
        private readonly OscPacketReader _reader = new OscPacketReader();
        private readonly byte[] _tx = new byte[512];
        private readonly byte[] _rx = new byte[MaxPacketBytes];
        private readonly byte[] _xremote;
        private readonly byte[] _info;
        private readonly byte[] _authChallenge;
        private readonly byte[] _authResponse;
        private readonly HmacSha256 _hmac;
        private readonly byte[] _mac = new byte[Sha256.HashBytes];
        private readonly PairingFilter _filter;
        private int _pairingVerdict;
        private long _lastPairedMs;
        private long _stateSinceMs;
        private long _lastReceiveMs;
        private long _lastRenewMs;
        private long _lastHeartbeatMs;
        private long _nextAttemptMs;
        private int _backoffMs;

        /// <summary>
        /// Creates a stopped link over <paramref name="transport"/>; received messages go to <paramref name="sink"/>.
        /// With a <paramref name="pairKey"/> the link pairs (HMAC-SHA256 of the host's challenge) before each handshake.
        /// </summary>
        public OscLink(IOscTransport transport, LinkTuning tuning, byte[] pairKey, IOscMessageSink sink)
        {
            _transport = transport;
            _tuning = tuning;
            _sink = sink;
            _xremote = OscWriter.EncodeString(OscPaths.XRemote);
            _info = OscWriter.EncodeString(OscPaths.Info);
            _authChallenge = OscWriter.EncodeString(OscPaths.AuthChallenge);
            _authResponse = OscWriter.EncodeString(OscPaths.AuthResponse);
            _hmac = pairKey != null ? new HmacSha256(pairKey) : null;
            _filter = new PairingFilter(this);
            _backoffMs = tuning.BackoffMinMs;
        }

        /// <summary>Current state.</summary>
        public LinkState State { get; private set; }

        /// <summary>True while the host answers.</summary>
        public bool IsConnected => State == LinkState.Connected;

        /// <summary>Times the link came up since start-up (each one triggers a full resync).</summary>
        public int ConnectCount { get; private set; }

        /// <summary>Packets sent since start-up.</summary>
        public int PacketsSent { get; private set; }

        /// <summary>Packets received since start-up.</summary>
        public int PacketsReceived { get; private set; }

        /// <summary>Messages dropped as malformed.</summary>
        public int MalformedMessages => _reader.MalformedCount;

        /// <summary>Delay before the next reconnect attempt (doubles per failure).</summary>
        public int CurrentBackoffMs => _backoffMs;

        /// <summary>True when the link pairs with the host before its handshake.</summary>
        public bool Pairs => _hmac != null;

        /// <summary>Times the host accepted the key.</summary>
        public int PairingsAccepted { get; private set; }

        /// <summary>Times the host refused the key (a wrong key: the link keeps retrying with back-off).</summary>
        public int PairingsRefused { get; private set; }

        /// <summary>Starts connecting at <paramref name="nowMs"/>.</summary>
        public void Start(long nowMs)
        {
            State = LinkState.BackingOff;
            _nextAttemptMs = nowMs;
        }

        /// <summary>
        /// Runs the link for one scan: receives waiting packets, renews the subscription, detects loss and reconnects.
        /// Returns true when the link came up during this call (the caller resyncs).
        /// </summary>
        public bool Service(long nowMs)
        {
            switch (State)
            {
                case LinkState.Stopped:
                    return false;
                case LinkState.BackingOff:
                    if (nowMs >= _nextAttemptMs)
                    {
                        Attempt(nowMs);
                    }

                    return false;
                case LinkState.Pairing:
                    ReceiveAll(nowMs);
                    if (_pairingVerdict > 0)
                    {
                        Handshake(nowMs);
                    }
                    else if (_pairingVerdict < 0 || nowMs - _stateSinceMs >= _tuning.HandshakeTimeoutMs)
                    {
                        BackOff(nowMs);
                    }

                    return false;
                case LinkState.Connecting:
                    if (ReceiveAll(nowMs) > 0)
                    {
                        State = LinkState.Connected;
                        _stateSinceMs = nowMs;
                        _backoffMs = _tuning.BackoffMinMs;
                        _lastRenewMs = nowMs;
                        _lastHeartbeatMs = nowMs;
                        ConnectCount++;
                        return true;
                    }

                    if (nowMs - _stateSinceMs >= _tuning.HandshakeTimeoutMs)
                    {
                        BackOff(nowMs);
                    }

                    return false;
                default:
                    ReceiveAll(nowMs);
                    if (nowMs - _lastReceiveMs >= _tuning.LinkTimeoutMs || !_transport.IsOpen)
                    {
                        _transport.Close();
                        _backoffMs = _tuning.BackoffMinMs;
                        BackOff(nowMs);
                        return false;
                    }

                    if (_pairingVerdict < 0)
                    {
                        // The host forgot the pairing and refused the renewal: pair again from the start.
                        _transport.Close();
                        BackOff(nowMs);
                        return false;
                    }

                    if (_hmac != null && nowMs - _lastPairedMs >= _tuning.RepairMs)
                    {
                        _lastPairedMs = nowMs;
                        SendRaw(OscWriter.WriteQuery(_tx, _authChallenge));
                    }

                    if (nowMs - _lastRenewMs >= _tuning.XRemoteRenewMs)
                    {
                        _lastRenewMs = nowMs;
                        SendRaw(OscWriter.WriteQuery(_tx, _xremote));
                    }

                    if (nowMs - _lastHeartbeatMs >= _tuning.HeartbeatMs)
                    {
                        _lastHeartbeatMs = nowMs;
                        SendRaw(OscWriter.WriteQuery(_tx, _info));
                    }

                    return false;
            }
        }

        /// <summary>Sends a query (message without arguments) when connected.</summary>
        public bool SendQuery(byte[] address)
        {
            return IsConnected && SendRaw(OscWriter.WriteQuery(_tx, address));
        }

        /// <summary>Sends a float value when connected.</summary>
        public bool SendFloat(byte[] address, float value)
        {
            return IsConnected && SendRaw(OscWriter.WriteFloat(_tx, address, value));
        }

        /// <summary>Sends an int value when connected.</summary>
        public bool SendInt(byte[] address, int value)
        {
            return IsConnected && SendRaw(OscWriter.WriteInt(_tx, address, value));
        }

        /// <summary>Sends a string value (the first <paramref name="length"/> characters of <paramref name="text"/>) when connected.</summary>
        public bool SendString(byte[] address, char[] text, int length)
        {
            return IsConnected && SendRaw(OscWriter.WriteString(_tx, address, text, length));
        }

        /// <summary>Sends the X32's <c>/save ,siss "scene" N name ""</c> (see <see cref="OscWriter.WriteSave"/>) when connected.</summary>
        public bool SendSave(byte[] address, byte[] kind, int slot, char[] name, int nameLength)
        {
            return IsConnected && SendRaw(OscWriter.WriteSave(_tx, address, kind, slot, name, nameLength));
        }

        private void Attempt(long nowMs)
        {
            if (!_transport.IsOpen && !_transport.Open())
            {
                BackOff(nowMs);
                return;
            }

            if (_hmac == null)
            {
                Handshake(nowMs);
                return;
            }

            State = LinkState.Pairing;
            _stateSinceMs = nowMs;
            _pairingVerdict = 0;
            SendRaw(OscWriter.WriteQuery(_tx, _authChallenge));
        }

        private void Handshake(long nowMs)
        {
            State = LinkState.Connecting;
            _stateSinceMs = nowMs;
            _lastPairedMs = nowMs;
            SendRaw(OscWriter.WriteQuery(_tx, _xremote));
            SendRaw(OscWriter.WriteQuery(_tx, _info));
        }

        // The host's nonce: answer with HMAC-SHA256(key, nonce). Ignored when this link holds no key.
        private void OnChallenge(OscMessage message)
        {
            int offset;
            int length;
            if (_hmac == null || !message.TryGetBlob(0, out offset, out length))
            {
                return;
            }

            _hmac.Compute(message.Buffer, offset, length, _mac, 0);
            SendRaw(OscWriter.WriteBlob(_tx, _authResponse, _mac, _mac.Length));
        }

        private void OnVerdict(OscMessage message)
        {
            int paired;
            if (_hmac == null || !message.TryGetInt(0, out paired))
            {
                return;
            }

            _pairingVerdict = paired == 1 ? 1 : -1;
            if (paired == 1)
            {
                PairingsAccepted++;
            }
            else
            {
                PairingsRefused++;
            }
        }

        private void BackOff(long nowMs)
        {
            State = LinkState.BackingOff;
            _stateSinceMs = nowMs;
            _nextAttemptMs = nowMs + _backoffMs;
            _backoffMs = _backoffMs * 2 > _tuning.BackoffMaxMs ? _tuning.BackoffMaxMs : _backoffMs * 2;
        }

        private int ReceiveAll(long nowMs)
        {
            int messages = 0;
            for (int i = 0; i < _tuning.MaxPacketsPerScan; i++)
            {
                int n = _transport.Receive(_rx);
                if (n <= 0)
                {
                    break;
                }

                PacketsReceived++;
                int delivered = _reader.Read(_rx, 0, n, _filter);
                if (delivered > 0)
                {
                    messages += delivered;
                    _lastReceiveMs = nowMs;
                }
            }

            return messages;
        }

        private bool SendRaw(int length)
        {
            if (_transport.Send(_tx, length))
            {
                PacketsSent++;
                return true;
            }

            return false;
        }

        // Takes the pairing answers out of the received stream; everything else goes on to the link's sink.
        private sealed class PairingFilter : IOscMessageSink
        {
            private readonly OscLink _link;

            public PairingFilter(OscLink link)
            {
                _link = link;
            }

            public void OnMessage(OscMessage message)
            {
                if (message.AddressEquals(_link._authChallenge))
                {
                    _link.OnChallenge(message);
                }
                else if (message.AddressEquals(_link._authResponse))
                {
                    _link.OnVerdict(message);
                }
                else
                {
                    _link._sink.OnMessage(message);
                }
            }
        }
    }
}
