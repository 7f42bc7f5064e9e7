// Facade of System.Device.Wifi (package nanoFramework.System.Device.Wifi): nanoframework/System.Device.Wifi at
// v1.5.144, System.Device.Wifi/WifiReconnectionKind.cs and System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs.
// Signatures as published; bodies throw.
namespace System.Device.Wifi
{
    public enum WifiReconnectionKind
    {
        Automatic,
        Manual,
    }
}

namespace nanoFramework.Networking
{
    using System.Device.Wifi;
    using System.Threading;

    public static class WifiNetworkHelper
    {
        public static bool ConnectDhcp(
            string ssid,
            string password,
            WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic,
            bool requiresDateTime = false,
            int wifiAdapterId = 0,
            CancellationToken token = default) => throw null;

        public static void Disconnect() => throw null;
    }
}
