using MixConsole.ControlSurface.Config;
using MixConsole.ControlSurface.Hardware;
using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Link
{
    /// <summary>
    /// The OSC connection to the host: handshake, /xremote renewal, heartbeat, loss detection, reconnect with
    /// back-off, and allocation-free sending of queries and values. Received packets go to the sink.
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
        private long _stateSinceMs;
        private long _lastReceiveMs;
        private long _lastRenewMs;
        private long _lastHeartbeatMs;
        private long _nextAttemptMs;
        private int _backoffMs;

        /// <summary>Creates a stopped link over <paramref name="transport"/>; received messages go to <paramref name="sink"/>.</summary>
        public OscLink(IOscTransport transport, LinkTuning tuning, IOscMessageSink sink)
        {
            _transport = transport;
            _tuning = tuning;
            _sink = sink;
            _xremote = OscWriter.EncodeString(OscPaths.XRemote);
            _info = OscWriter.EncodeString(OscPaths.Info);
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

        private void Attempt(long nowMs)
        {
            if (!_transport.IsOpen && !_transport.Open())
            {
                BackOff(nowMs);
                return;
            }

            State = LinkState.Connecting;
            _stateSinceMs = nowMs;
            SendRaw(OscWriter.WriteQuery(_tx, _xremote));
            SendRaw(OscWriter.WriteQuery(_tx, _info));
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
                int delivered = _reader.Read(_rx, 0, n, _sink);
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
    }
}
