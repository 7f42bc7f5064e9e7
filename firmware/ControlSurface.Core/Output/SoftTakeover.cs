namespace MixConsole.ControlSurface.Output
{
    /// <summary>
    /// Soft takeover for controls without motors: after a bank or scene change a control does nothing until the
    /// hand brings it to (or across) the host's value, so the parameter never jumps.
    /// </summary>
    public sealed class SoftTakeover
    {
        private readonly int _tolerance;
        private readonly bool[] _engaged;
        private readonly int[] _hostValue;
        private readonly int[] _lastPhysical;

        /// <summary>Creates takeover state for <paramref name="controls"/> controls; <paramref name="tolerance"/> in 10-bit steps.</summary>
        public SoftTakeover(int controls, int tolerance)
        {
            _tolerance = tolerance;
            _engaged = new bool[controls];
            _hostValue = new int[controls];
            _lastPhysical = new int[controls];
            for (int i = 0; i < controls; i++)
            {
                _hostValue[i] = -1;
                _lastPhysical[i] = -1;
            }
        }

        /// <summary>True when the control is picked up and its moves go to the host.</summary>
        public bool IsEngaged(int control)
        {
            return _engaged[control];
        }

        /// <summary>Host value (10-bit) the control must reach, -1 when unknown.</summary>
        public int HostValue(int control)
        {
            return _hostValue[control];
        }

        /// <summary>Direction to move to pick up: +1 up, -1 down, 0 engaged or unknown.</summary>
        public int PickupDirection(int control, int physical)
        {
            if (_engaged[control] || _hostValue[control] < 0)
            {
                return 0;
            }

            return physical < _hostValue[control] ? 1 : -1;
        }

        /// <summary>
        /// Sets the value the host holds (another client, a scene recall, a bank change): the control stays or becomes
        /// engaged only when it already sits within the tolerance; echoes of its own sends are filtered before this call.
        /// </summary>
        public void SetHostValue(int control, int value, int physical)
        {
            _hostValue[control] = value;
            int d = physical - value;
            _engaged[control] = d <= _tolerance && d >= -_tolerance;
            _lastPhysical[control] = physical;
        }

        /// <summary>Forgets the host value (bank change to an unknown target): the control disengages.</summary>
        public void Reset(int control)
        {
            _hostValue[control] = -1;
            _engaged[control] = false;
            _lastPhysical[control] = -1;
        }

        /// <summary>Feeds the physical value; returns true when the control is engaged (moves should be sent).</summary>
        public bool Update(int control, int physical)
        {
            if (!_engaged[control])
            {
                int host = _hostValue[control];
                if (host >= 0)
                {
                    int last = _lastPhysical[control];
                    int d = physical - host;
                    bool near = d <= _tolerance && d >= -_tolerance;
                    bool crossed = last >= 0 && ((last < host && physical >= host) || (last > host && physical <= host));
                    _engaged[control] = near || crossed;
                }
            }

            _lastPhysical[control] = physical;
            return _engaged[control];
        }

        /// <summary>Records that the control sent <paramref name="value"/>, so the host now holds it.</summary>
        public void Sent(int control, int value)
        {
            _hostValue[control] = value;
        }
    }
}
