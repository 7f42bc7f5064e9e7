using System.Runtime.InteropServices;

namespace MixConsole.Audio.Alsa;

/// <summary>The slice of libasound (alsa-lib) the ALSA backend uses.</summary>
internal static unsafe class LibAsound
{
    private const string Lib = "libasound.so.2";

    public const int StreamPlayback = 0;
    public const int StreamCapture = 1;
    public const int ModeNonBlock = 1;
    public const int AccessRwInterleaved = 3;

    public const int FormatS16Le = 2;
    public const int FormatS32Le = 10;
    public const int FormatFloatLe = 14;
    public const int FormatS24_3Le = 32;

    public const int ENoEnt = 2;
    public const int EAgain = 11;
    public const int EBusy = 16;
    public const int ENoDev = 19;
    public const int EInval = 22;
    public const int EPipe = 32;
    public const int EStrPipe = 86;

    public const int StateXrun = 4;
    public const int StateSuspended = 7;

    [DllImport(Lib)] public static extern int snd_pcm_open(out IntPtr pcm, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int stream, int mode);
    [DllImport(Lib)] public static extern int snd_pcm_open_lconf(out IntPtr pcm, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int stream, int mode, IntPtr config);
    [DllImport(Lib)] public static extern int snd_pcm_close(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_nonblock(IntPtr pcm, int nonblock);

    [DllImport(Lib)] public static extern int snd_pcm_hw_params_malloc(out IntPtr hw);
    [DllImport(Lib)] public static extern void snd_pcm_hw_params_free(IntPtr hw);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_any(IntPtr pcm, IntPtr hw);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_access(IntPtr pcm, IntPtr hw, int access);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_test_format(IntPtr pcm, IntPtr hw, int format);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_format(IntPtr pcm, IntPtr hw, int format);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_channels(IntPtr pcm, IntPtr hw, uint channels);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_channels_min(IntPtr hw, out uint channels);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_channels_max(IntPtr hw, out uint channels);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_rate_resample(IntPtr pcm, IntPtr hw, uint allow);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_rate(IntPtr pcm, IntPtr hw, uint rate, int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_rate_min(IntPtr hw, out uint rate, out int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_rate_max(IntPtr hw, out uint rate, out int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_period_size_near(IntPtr pcm, IntPtr hw, ref nuint frames, ref int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_periods_near(IntPtr pcm, IntPtr hw, ref uint periods, ref int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_set_buffer_size_near(IntPtr pcm, IntPtr hw, ref nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params(IntPtr pcm, IntPtr hw);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_period_size(IntPtr hw, out nuint frames, out int dir);
    [DllImport(Lib)] public static extern int snd_pcm_hw_params_get_buffer_size(IntPtr hw, out nuint frames);

    [DllImport(Lib)] public static extern int snd_pcm_sw_params_malloc(out IntPtr sw);
    [DllImport(Lib)] public static extern void snd_pcm_sw_params_free(IntPtr sw);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_current(IntPtr pcm, IntPtr sw);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_get_boundary(IntPtr sw, out nuint boundary);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_set_start_threshold(IntPtr pcm, IntPtr sw, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_set_stop_threshold(IntPtr pcm, IntPtr sw, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_set_silence_threshold(IntPtr pcm, IntPtr sw, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_set_silence_size(IntPtr pcm, IntPtr sw, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params_set_avail_min(IntPtr pcm, IntPtr sw, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_sw_params(IntPtr pcm, IntPtr sw);

    [DllImport(Lib)] public static extern int snd_pcm_prepare(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_start(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_drop(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_link(IntPtr pcm1, IntPtr pcm2);
    [DllImport(Lib)] public static extern int snd_pcm_unlink(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_recover(IntPtr pcm, int err, int silent);
    [DllImport(Lib)] public static extern nint snd_pcm_avail(IntPtr pcm);
    [DllImport(Lib)] public static extern nint snd_pcm_forward(IntPtr pcm, nuint frames);
    [DllImport(Lib)] public static extern int snd_pcm_state(IntPtr pcm);
    [DllImport(Lib)] public static extern int snd_pcm_wait(IntPtr pcm, int timeoutMs);
    [DllImport(Lib)] public static extern nint snd_pcm_readi(IntPtr pcm, void* buffer, nuint frames);
    [DllImport(Lib)] public static extern nint snd_pcm_writei(IntPtr pcm, void* buffer, nuint frames);

    [DllImport(Lib)] public static extern IntPtr snd_strerror(int errnum);

    [DllImport(Lib)] public static extern int snd_config_top(out IntPtr config);
    [DllImport(Lib)] public static extern int snd_config_load(IntPtr config, IntPtr input);
    [DllImport(Lib)] public static extern int snd_config_delete(IntPtr config);
    [DllImport(Lib)] public static extern int snd_input_buffer_open(out IntPtr input, byte* buffer, nint size);
    [DllImport(Lib)] public static extern int snd_input_close(IntPtr input);

    [DllImport(Lib)] public static extern int snd_device_name_hint(int card, [MarshalAs(UnmanagedType.LPUTF8Str)] string iface, out IntPtr hints);
    [DllImport(Lib)] public static extern IntPtr snd_device_name_get_hint(IntPtr hint, [MarshalAs(UnmanagedType.LPUTF8Str)] string id);
    [DllImport(Lib)] public static extern int snd_device_name_free_hint(IntPtr hints);
    [DllImport(Lib)] public static extern int snd_card_next(ref int card);
    [DllImport(Lib)] public static extern int snd_card_get_name(int card, out IntPtr name);
    [DllImport(Lib)] public static extern int snd_card_get_longname(int card, out IntPtr name);

    /// <summary>alsa-lib's text for an error code (negative errno).</summary>
    public static string StrError(int err) => Marshal.PtrToStringUTF8(snd_strerror(err)) ?? $"error {err}";

    /// <summary>The library's format code for <paramref name="format"/>.</summary>
    public static int FormatCode(Backends.AudioSampleFormat format) => format switch
    {
        Backends.AudioSampleFormat.S32 => FormatS32Le,
        Backends.AudioSampleFormat.S24Packed => FormatS24_3Le,
        Backends.AudioSampleFormat.S16 => FormatS16Le,
        Backends.AudioSampleFormat.Float32 => FormatFloatLe,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format"),
    };
}
