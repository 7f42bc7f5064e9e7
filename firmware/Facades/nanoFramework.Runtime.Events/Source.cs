// Facade of nanoFramework.Runtime.Events (nanoframework/nanoFramework.Runtime.Events at v1.11.32). Declares nothing:
// the firmware calls none of it directly; System.Device.Gpio, System.IO.Ports, System.Net, System.Device.Wifi,
// nanoFramework.Hardware.Esp32 and the Iot.Device bindings reference it, so the image must carry it.
