namespace MixConsole.ControlSurface.Mapping
{
    /// <summary>
    /// Every OSC address the surface speaks, in one table (X32-style). "{nn}" expands to a two-digit number, "{n}" to a plain one.
    /// Matches the host's parameter table (host-dsp/ADDRESS-SPACE.md); adjust here when the host names something differently.
    /// </summary>
    public static class OscPaths
    {
        /// <summary>Subscribes to every change for 10 s (renewed every ~9 s).</summary>
        public const string XRemote = "/xremote";

        /// <summary>Identifies the console; the handshake and heartbeat query.</summary>
        public const string Info = "/info";

        /// <summary>Pairing: asks the host for a nonce, answered ",b nonce" (host-dsp PairingAuthenticator).</summary>
        public const string AuthChallenge = "/auth/challenge";

        /// <summary>Pairing: sends ",b HMAC-SHA256(key, nonce)", answered ",i 1" (paired) or ",i 0".</summary>
        public const string AuthResponse = "/auth/response";

        /// <summary>Channel fader, float 0..1 on the X32 fader law.</summary>
        public const string ChannelFader = "/ch/{nn}/mix/fader";

        /// <summary>Channel on switch, int 1 = unmuted.</summary>
        public const string ChannelOn = "/ch/{nn}/mix/on";

        /// <summary>Channel pan, float 0..1 (0.5 centre).</summary>
        public const string ChannelPan = "/ch/{nn}/mix/pan";

        /// <summary>Channel name, string.</summary>
        public const string ChannelName = "/ch/{nn}/config/name";

        /// <summary>Mix bus fader.</summary>
        public const string BusFader = "/bus/{nn}/mix/fader";

        /// <summary>Mix bus on switch.</summary>
        public const string BusOn = "/bus/{nn}/mix/on";

        /// <summary>Mix bus pan.</summary>
        public const string BusPan = "/bus/{nn}/mix/pan";

        /// <summary>Mix bus name.</summary>
        public const string BusName = "/bus/{nn}/config/name";

        /// <summary>DCA fader.</summary>
        public const string DcaFader = "/dca/{n}/fader";

        /// <summary>DCA on switch.</summary>
        public const string DcaOn = "/dca/{n}/on";

        /// <summary>DCA name.</summary>
        public const string DcaName = "/dca/{n}/config/name";

        /// <summary>
        /// Solo switch, int 1 = soloed (PFL or AFL per the host's /config/solo/chmode; a DCA solos its members), numbered as
        /// the X32 (the host's StripSelection): expand it with a layer's solo base plus the strip's number.
        /// </summary>
        public const string SoloSwitch = "/-stat/solosw/{nn}";

        /// <summary>Solo switch of channel N is this plus N (01-32).</summary>
        public const int ChannelSoloBase = 0;

        /// <summary>Solo switch of bus N is this plus N (49-64).</summary>
        public const int BusSoloBase = 48;

        /// <summary>Solo switch of DCA N is this plus N (73-80).</summary>
        public const int DcaSoloBase = 72;

        /// <summary>
        /// Selected strip, int index in X32 numbering (the host's StripSelection). The host keeps it like any parameter:
        /// a query answers it and another client's selection is echoed, so the select LEDs follow it.
        /// </summary>
        public const string SelectIndex = "/-stat/selidx";

        /// <summary>The scene last recalled (0-99), int; the host answers a query and echoes every recall.</summary>
        public const string SceneCurrent = "/-show/prepos/current";

        /// <summary>A scene slot's name (three digits, 000-099), string; the host echoes it when the slot list changes.</summary>
        public const string SceneName = "/-show/showfile/scene/000/name";

        /// <summary>Offset of the slot number's last two digits in <see cref="SceneName"/>.</summary>
        public const int SceneNameDigitsOffset = 23;

        /// <summary>Recalls scene N (int): the X32's action; the host fades and protects as its scene settings say.</summary>
        public const string SceneRecall = "/-action/goscene";

        /// <summary>Takes the last recall back (no argument): the console as it was before it.</summary>
        public const string SceneUndo = "/-action/undoscene";

        /// <summary>The X32's save command, <c>/save ,siss "scene" N name notes</c>.</summary>
        public const string Save = "/save";

        /// <summary>What <see cref="Save"/> saves: a scene.</summary>
        public const string SaveScene = "scene";

        /// <summary>Select index of channel 1.</summary>
        public const int ChannelSelectBase = 0;

        /// <summary>Select index of bus 1.</summary>
        public const int BusSelectBase = 48;

        /// <summary>
        /// Size probes, sent at connect: the host answers a query with wildcards once per matching parameter, so the
        /// answers tell how many channels, buses and DCAs this console has (6 channels on a pi4-cs42448 box).
        /// </summary>
        public static readonly string[] SizeProbes = { "/ch/*/mix/fader", "/bus/*/mix/fader", "/dca/*/fader" };

        /// <summary>Channel {nn}'s send to bus {nn} (first channel, then bus), fader law: the faders in sends on fader.</summary>
        public const string ChannelSend = "/ch/{nn}/mix/{nn}/level";

        /// <summary>Offset of the channel number's two digits in every "/ch/{nn}/..." address.</summary>
        public const int ChannelDigitsOffset = 4;

        /// <summary>Offset of the bus number's two digits in <see cref="ChannelSend"/>.</summary>
        public const int SendBusDigitsOffset = 11;

        /// <summary>
        /// The selected channel on the desk's eight encoders, one page of eight per row (null = unused encoder):
        /// EQ gains and frequencies, EQ Q with EQ on, high-pass and trim, the gate, the compressor.
        /// </summary>
        public static readonly string[][] ChannelPages =
        {
            new string[] { "/ch/{nn}/eq/1/g", "/ch/{nn}/eq/1/f", "/ch/{nn}/eq/2/g", "/ch/{nn}/eq/2/f", "/ch/{nn}/eq/3/g", "/ch/{nn}/eq/3/f", "/ch/{nn}/eq/4/g", "/ch/{nn}/eq/4/f" },
            new string[] { "/ch/{nn}/eq/1/q", "/ch/{nn}/eq/2/q", "/ch/{nn}/eq/3/q", "/ch/{nn}/eq/4/q", "/ch/{nn}/eq/on", "/ch/{nn}/preamp/hpon", "/ch/{nn}/preamp/hpf", "/ch/{nn}/preamp/trim" },
            new string[] { "/ch/{nn}/gate/on", "/ch/{nn}/gate/thr", "/ch/{nn}/gate/range", "/ch/{nn}/gate/attack", "/ch/{nn}/gate/hold", "/ch/{nn}/gate/release", null, null },
            new string[] { "/ch/{nn}/dyn/on", "/ch/{nn}/dyn/thr", "/ch/{nn}/dyn/ratio", "/ch/{nn}/dyn/knee", "/ch/{nn}/dyn/attack", "/ch/{nn}/dyn/release", "/ch/{nn}/dyn/mgain", "/ch/{nn}/dyn/mix" },
        };

        /// <summary>Page names on the display, in <see cref="ChannelPages"/> order.</summary>
        public static readonly string[] ChannelPageNames = { "EQ", "Q/HPF", "GATE", "COMP" };

        /// <summary>Encoder labels (three characters at most), in <see cref="ChannelPages"/> order.</summary>
        public static readonly string[][] ChannelPageLabels =
        {
            new string[] { "1G", "1F", "2G", "2F", "3G", "3F", "4G", "4F" },
            new string[] { "1Q", "2Q", "3Q", "4Q", "EQ", "HP", "HPF", "TRM" },
            new string[] { "ON", "THR", "RNG", "ATT", "HLD", "REL", null, null },
            new string[] { "ON", "THR", "RAT", "KNE", "ATT", "REL", "GN", "MIX" },
        };

        /// <summary>Main stereo fader (the fader desk's master fader).</summary>
        public const string MainFader = "/main/st/mix/fader";

        /// <summary>Mastering chain input gain.</summary>
        public const string MasterInput = "/master/input/gain";

        /// <summary>Mastering chain tilt EQ.</summary>
        public const string MasterTilt = "/master/eq/tilt";

        /// <summary>Mastering chain low shelf.</summary>
        public const string MasterLowShelf = "/master/eq/lowshelf/g";

        /// <summary>Mastering chain high shelf.</summary>
        public const string MasterHighShelf = "/master/eq/highshelf/g";

        /// <summary>Mastering chain compression amount.</summary>
        public const string MasterComp = "/master/comp/amount";

        /// <summary>Mastering chain stereo width.</summary>
        public const string MasterWidth = "/master/width";

        /// <summary>Mastering chain target loudness.</summary>
        public const string MasterTarget = "/master/loudness/target";

        /// <summary>Mastering chain true-peak ceiling.</summary>
        public const string MasterCeiling = "/master/limiter/ceiling";

        /// <summary>Mastering chain bypass, int 1 = bypassed.</summary>
        public const string MasterBypass = "/master/bypass";

        /// <summary>Mastering A/B compare, int 0 = A, 1 = B.</summary>
        public const string MasterAb = "/master/ab";

        /// <summary>The mastering panel's eight encoders, in panel order.</summary>
        public static readonly string[] MasteringEncoders =
        {
            MasterInput, MasterTilt, MasterLowShelf, MasterHighShelf, MasterComp, MasterWidth, MasterTarget, MasterCeiling,
        };

        /// <summary>Display labels of the mastering encoders (six characters at most).</summary>
        public static readonly string[] MasteringLabels =
        {
            "INPUT", "TILT", "LOW", "HIGH", "COMP", "WIDTH", "TARGET", "CEIL",
        };

        /// <summary>The mastering panel's multiband page, in panel order: each band's threshold, each band's make-up, the two crossovers.</summary>
        public static readonly string[] MasteringBandEncoders =
        {
            "/master/comp/1/thr", "/master/comp/2/thr", "/master/comp/3/thr",
            "/master/comp/1/mgain", "/master/comp/2/mgain", "/master/comp/3/mgain",
            "/master/comp/xover/1", "/master/comp/xover/2",
        };

        /// <summary>Display labels of the multiband page (six characters at most).</summary>
        public static readonly string[] MasteringBandLabels =
        {
            "LO THR", "MD THR", "HI THR", "LO MUP", "MD MUP", "HI MUP", "XO L/M", "XO M/H",
        };

        /// <summary>Recalls a mastering preset by name (<c>,s NAME</c>), crossfaded by the host.</summary>
        public const string MasterPreset = "/master/preset";

        /// <summary>Asks for every mastering preset name; the answer carries them all as strings, built-in first.</summary>
        public const string MasterPresetList = "/master/preset/list";

        /// <summary>Replaces "{nn}" with a two-digit <paramref name="number"/> or "{n}" with a plain one; used at start-up only.</summary>
        public static string Expand(string template, int number)
        {
            int at = template.IndexOf("{nn}");
            if (at >= 0)
            {
                string digits = number < 10 ? "0" + number.ToString() : number.ToString();
                return template.Substring(0, at) + digits + template.Substring(at + 4);
            }

            at = template.IndexOf("{n}");
            if (at >= 0)
            {
                return template.Substring(0, at) + number.ToString() + template.Substring(at + 3);
            }

            return template;
        }
    }
}
