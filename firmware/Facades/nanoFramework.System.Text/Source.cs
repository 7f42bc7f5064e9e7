// Facade of nanoFramework.System.Text (nanoframework/System.Text at v1.3.42). Declares nothing: the firmware calls
// none of it directly; System.Net and System.IO.Streams reference it, so the image must carry it.
