// Facade of System.IO.Streams (nanoframework/System.IO.Streams at v1.1.96). Declares nothing: the firmware calls
// none of it directly; System.IO.Ports and System.Net reference it, so the image must carry it.
