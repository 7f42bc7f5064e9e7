using System.Diagnostics;
using MixConsole.Audio.Tests.Support;

namespace MixConsole.Audio.Tests.Pi;

/// <summary>
/// hardware/pi/install.sh run against a fake root file system, and the script and the systemd unit checked by
/// shellcheck and systemd-analyze verify.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallScriptTests
{
    private static string PiDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hardware", "pi");
            if (File.Exists(Path.Combine(candidate, "install.sh"))) return candidate;
        }
        throw new InvalidOperationException("hardware/pi not found above the test binaries");
    }

    private static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), $"{file} did not finish");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private const string OriginalConfig = """
        # For more options and information see http://rptl.io/configtxt
        dtparam=audio=on
        camera_auto_detect=1

        [pi4]
        arm_boost=1

        [cm5]
        dtoverlay=dwc2,dr_mode=host

        """;

    // A published tree (the program a stub) and a root with Bookworm's config.txt layout.
    private static (string From, string Root) Layout(TempDir dir)
    {
        string from = dir.File("publish");
        Directory.CreateDirectory(Path.Combine(from, "hardware", "pi", "profiles"));
        File.WriteAllText(Path.Combine(from, "mixconsole"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(from, "mixconsole"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string pi = PiDir();
        foreach (var f in Directory.GetFiles(Path.Combine(pi, "profiles"))) File.Copy(f, Path.Combine(from, "hardware", "pi", "profiles", Path.GetFileName(f)));
        foreach (var f in new[] { "mixconsole.service", "mixconsole.default", "install.sh" }) File.Copy(Path.Combine(pi, f), Path.Combine(from, "hardware", "pi", f));
        string root = dir.File("root");
        Directory.CreateDirectory(Path.Combine(root, "boot", "firmware"));
        File.WriteAllText(Path.Combine(root, "boot", "firmware", "config.txt"), OriginalConfig);
        return (from, root);
    }

    private static (int Code, string Out, string Err) Install(string from, string root, string profile, string arch = "arm64") =>
        Run("bash", [Path.Combine(PiDir(), "install.sh"), "--from", from, "--root", root, "--profile", profile], new Dictionary<string, string> { ["MIXCONSOLE_ARCH"] = arch });

    [Fact]
    public void ConfigTxt_KeepsItsPi4AndCm5Sections_AndGetsTheProfileLinesUnderAll_OnceAcrossReinstalls()
    {
        using var dir = new TempDir();
        var (from, root) = Layout(dir);
        for (int i = 0; i < 2; i++)
        {
            var (code, _, err) = Install(from, root, "pi5-hifiberry-dac8x-adc8x");
            Assert.True(code == 0, err);
        }
        string config = File.ReadAllText(Path.Combine(root, "boot", "firmware", "config.txt"));
        Assert.StartsWith(OriginalConfig, config);
        Assert.Equal("# mixconsole begin\n[all]\ndtoverlay=hifiberry-dac8x\n# mixconsole end\n", config[OriginalConfig.Length..]);

        // Switching profile replaces the block rather than adding a second overlay on the same sound node.
        var (code2, _, err2) = Install(from, root, "pi4-cs42448");
        Assert.True(code2 == 0, err2);
        config = File.ReadAllText(Path.Combine(root, "boot", "firmware", "config.txt"));
        Assert.DoesNotContain("hifiberry", config);
        Assert.Equal(OriginalConfig + "# mixconsole begin\n[all]\ndtoverlay=audioinjector-addons,non-stop-clocks\n# mixconsole end\n", config);
    }

    [Fact]
    public void TheServiceGovernorAndWifiSettings_LandWhereTheOsReadsThem()
    {
        using var dir = new TempDir();
        var (from, root) = Layout(dir);
        var (code, _, err) = Install(from, root, "pi5-hifiberry-dac8x-adc8x");
        Assert.True(code == 0, err);
        string defaults = File.ReadAllText(Path.Combine(root, "etc", "default", "mixconsole"));
        Assert.Contains("MIXCONSOLE_PROFILE=pi5-hifiberry-dac8x-adc8x\n", defaults);
        Assert.Contains("MIXCONSOLE_CARD=sndrpihifiberry\n", defaults);
        Assert.Equal("CPU_DEFAULT_GOVERNOR=\"performance\"\n", File.ReadAllText(Path.Combine(root, "etc", "default", "cpu_governor")));
        Assert.Contains("wifi.powersave = 2", File.ReadAllText(Path.Combine(root, "etc", "NetworkManager", "conf.d", "mixconsole-wifi-powersave.conf")));
        Assert.True(File.Exists(Path.Combine(root, "opt", "mixconsole", "mixconsole")));
        Assert.Equal(File.ReadAllText(Path.Combine(PiDir(), "mixconsole.service")), File.ReadAllText(Path.Combine(root, "etc", "systemd", "system", "mixconsole.service")));
        Assert.True(File.Exists(Path.Combine(root, "etc", "systemd", "system", "multi-user.target.wants", "mixconsole.service")), "not enabled");
    }

    [Fact]
    public void A32BitUserland_IsRefusedInOneLine_BeforeAnythingIsWritten()
    {
        using var dir = new TempDir();
        var (from, root) = Layout(dir);
        var (code, _, err) = Install(from, root, "pi4-cs42448", arch: "armhf");
        Assert.Equal(1, code);
        Assert.Equal("install.sh: this system's userland is armhf; MixConsole needs Raspberry Pi OS 64-bit (arm64)\n", err);
        Assert.False(Directory.Exists(Path.Combine(root, "opt")));
        Assert.Equal(OriginalConfig, File.ReadAllText(Path.Combine(root, "boot", "firmware", "config.txt")));
    }

    [Fact]
    public void PublishingAsRoot_IsRefused_SoNoRootOwnedBuildOutputStaysInTheCheckout()
    {
        if (Environment.UserName != "root") return;
        var (code, _, err) = Run("bash", [Path.Combine(PiDir(), "install.sh"), "--publish"]);
        Assert.Equal(1, code);
        Assert.Contains("publish as your own user, not root", err);
    }

    [Fact]
    public void ShellCheck_FindsNothingInTheInstaller()
    {
        var (code, stdout, _) = Run("shellcheck", [Path.Combine(PiDir(), "install.sh")]);
        Assert.True(code == 0, stdout);
    }

    [Fact]
    public void SystemdAnalyzeVerify_AcceptsTheUnit_WithNoWarning()
    {
        using var dir = new TempDir();
        // verify checks that ExecStart's program exists: point the unit's one path at a stub, nothing else changed.
        string program = dir.File("mixconsole");
        File.WriteAllText(program, "#!/bin/sh\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        string unit = dir.File("mixconsole.service");
        string text = File.ReadAllText(Path.Combine(PiDir(), "mixconsole.service"));
        Assert.Contains("ExecStart=/opt/mixconsole/mixconsole ", text);
        File.WriteAllText(unit, text.Replace("/opt/mixconsole/mixconsole", program, StringComparison.Ordinal));
        var (code, stdout, stderr) = Run("systemd-analyze", ["verify", "--man=no", unit]);
        Assert.True(code == 0, stdout + stderr);
        // Unknown keys and bad values are warnings with exit code 0: none may name the unit.
        Assert.DoesNotContain("mixconsole.service:", stderr);
    }
}
