// Facade of System.Math (nanoframework/System.Math at v1.5.116). Declares nothing: the firmware calls none of it
// directly; Iot.Device.Ssd13xx references it, so the image must carry it.
