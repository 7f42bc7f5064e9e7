namespace MixConsole.SurfaceSim.Cli;

/// <summary>What --help prints.</summary>
public static class HelpText
{
    /// <summary>The help page.</summary>
    public const string Page = """
        SurfaceSim: the MixConsole control surface firmware (ControlSurface.Core) running on this machine with
        virtual faders, motors, encoders, buttons, LEDs and display, talking OSC over UDP to a real host.

        usage
          SurfaceSim [--connect HOST:PORT] [--profile fader-desk|mastering-panel]            interactive terminal
          SurfaceSim --connect HOST:PORT --profile fader-desk --script FILE [--verbose]       scripted
          SurfaceSim --measure [--seconds 10] [--unpaced]                                    scan-loop cost
          (from the repository: dotnet run --project tools/SurfaceSim -- OPTIONS)

        start a host first
          ./mixconsole serve --audio null                  (UDP 10023; --osc-port N for another port)

        options
          --connect HOST:PORT     host to talk to (default 127.0.0.1:10023)
          --profile NAME          fader-desk (8 motor faders, pan encoders, mute/solo/select, master, bank, layer)
                                  or mastering-panel (8 encoders with rings on the master chain, A/B, bypass)
          --no-motors             fader desk without motors: faders use soft takeover
          --pair-key FILE         the console's key (serve --pair-key FILE): pair before the handshake, so the
                                  host takes the surface's changes
          --script FILE           run FILE (or - for standard input) instead of the terminal UI
          --connect-timeout MS    wait this long for the host's first answer (default 5000)
          --verbose, -v           print every action with its time, and every expect that held
          --measure               time the 1 kHz scan of 8 faders, 8 encoders and 24 buttons (no host needed)
          --seconds S             measurement length (default 10)
          --unpaced               measure scans back to back instead of at 1 kHz real time
          --help, -h              this page

        time
          The surface runs on a simulated millisecond clock, one scan per millisecond, and every scan is paced
          to the wall clock: 1,000 scans per real second against the live host, so debounce, motor moves,
          /xremote renewal and link timeouts behave as on the ESP32. Scans run within about a millisecond of
          their slot and catch up after a pause.

        script (one action per line; '#' starts a comment; S = strip 1-8, E = encoder 1-8)
          fader S V               touch fader S, move it to V, let go. V = 0..1 or a level: 0dB, -10dB, +10dB, -inf
                                  (X32 fader law: 0dB = 0.75). S may be 'master'.
          pan S V                 turn strip S's pan encoder until the pan is V: 0..1, L100..L1, C, R1..R100
          encoder E +N|-N [fast]  turn encoder E by N detents (slow: one per 80 ms; fast: acceleration applies)
          press mute|solo|select S [HOLD_MS]      press a strip button (default hold 40 ms; 600+ is a long press)
          press bank-prev|bank-next|layer-ch|layer-bus|layer-dca [HOLD_MS]
          press sends | press page    sends on fader (the selected bus) | encoders: pan, the selected channel's EQ, Q/HPF, gate, comp
          press ab|bypass [HOLD_MS]               mastering panel buttons
          bank next|prev|N|A-B    bank with the bank buttons: bank 2 and bank 9-16 both show channels 9-16
          layer ch|bus|dca        press a layer button
          touch S / release S     put a hand on / take it off fader S (the motor stops while touched)
          wait MS                 let the surface run
          print TEXT              print TEXT (tells a driving program where the script is)
          expect fader S V [tol X] [within MS]    motor fader S is physically at V (default tolerance 0.01)
          expect pan S V | expect encoder E V [tol X] [within MS]   the value the encoder controls
          expect mute|solo|select S on|off [within MS]              a strip LED
          expect ring E V, expect sends on|off, expect strips N    a ring shows V (0..1); flipped; N strips on the console
          expect ab|bypass on|off, expect link up|down, expect bank N|A-B
          expect display LINE TEXT [within MS]    display line LINE (1-8) contains TEXT
          Without 'within' an expect checks once; with it, it keeps the surface running until it holds.
          LEDs refresh every 10 ms and the display every 50 ms, as on the ESP32: give their expects a 'within'.

        example (fader desk against mixconsole serve on port 10023)
          fader 3 0dB             # channel 3 to unity
          press mute 2            # mute channel 2
          expect mute 2 on within 200
          pan 1 L100              # channel 1 hard left
          bank 9-16
          fader 1 -10dB           # channel 9
          bank 1-8
          expect fader 4 0.5 within 5000   # another client moves channel 4: the motor follows

        exit status
          0 every expect held; 1 an expect or action failed (each failure printed as FILE:LINE: ...);
          2 bad command line or script (every problem listed with its line), or no answer from the host.

        terminal keys (interactive)
          1-8 pick strip/encoder, 9 master fader, Up/Down fader +-1 %, PgUp/PgDn +-10 %, Home 0 dB, End -inf,
          Left/Right turn the encoder, m s e mute/solo/select, [ ] bank, c b d layer, t touch on/off,
          a p A/B and bypass (mastering panel), q quit.
        """;
}
