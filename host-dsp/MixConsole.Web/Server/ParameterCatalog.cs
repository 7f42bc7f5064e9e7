using System.Text.Json;
using MixConsole.Control.Meters;
using MixConsole.Control.Osc;
using MixConsole.Dsp.Filters;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Parameters;

namespace MixConsole.Web.Server;

/// <summary>
/// The parameter table as the pages read it: for the paths a page asks for (OSC address patterns), the spec
/// of each, with the display text of every grid point written by <see cref="ParameterFormatter"/>. Pages
/// turn a wire value k / (N - 1) into its text by index, so ranges, laws and units live only in the table.
/// </summary>
internal sealed class ParameterCatalog(ParameterStore store, OscMeterLayout meters)
{
    /// <summary>Most patterns one request may give.</summary>
    public const int MaxPatterns = 16;

    /// <summary>Longest pattern accepted.</summary>
    public const int MaxPatternLength = 128;

    /// <summary>
    /// The console's size and meter layout, each strip's solo switch (X32 numbering, <see cref="StripSelection"/>), and
    /// whether this page must log in before its changes count: {"channels":32,"buses":16,"meterCount":147,...,
    /// "solo":{"ch":["/-stat/solosw/01",...],"fxrtn":[...],"bus":[...],"dca":[...]},"loginNeeded":false}.
    /// </summary>
    public void WriteConsole(Utf8JsonWriter json, bool loginNeeded)
    {
        var config = store.Table.Config;
        json.WriteStartObject();
        json.WriteBoolean("loginNeeded", loginNeeded);
        json.WriteNumber("channels", config.Channels);
        json.WriteNumber("buses", config.Buses);
        json.WriteNumber("meterChannels", meters.Channels);
        json.WriteNumber("meterBuses", meters.Buses);
        json.WriteNumber("meterCount", meters.Count);
        json.WriteBoolean("meterChain", meters.HasMasterChain);
        json.WriteNumber("meterFxReturnSides", 2 * meters.FxSlots);
        json.WriteNumber("meterFxReturnFirst", meters.FxSlots > 0 ? meters.FxReturnPostFader(0) : -1);
        json.WriteNumber("meterFxReturnRmsFirst", meters.FxSlots > 0 ? meters.FxReturnRms(0) - meters.FirstScreenValue : -1);
        json.WriteStartObject("solo");
        WriteSoloSwitches(json, "ch", config.Channels, n => StripSelection.SoloSwitch(StripSelection.Channel(config, n)));
        WriteSoloSwitches(json, "fxrtn", config.FxReturns, n => StripSelection.SoloSwitch(StripSelection.FxReturn(config, n)));
        WriteSoloSwitches(json, "bus", config.Buses, n => StripSelection.SoloSwitch(StripSelection.Bus(config, n)));
        WriteSoloSwitches(json, "dca", config.Dcas, n => StripSelection.DcaSoloSwitch(config, n));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteSoloSwitches(Utf8JsonWriter json, string layer, int strips, Func<int, int> soloSwitch)
    {
        json.WriteStartArray(layer);
        for (int n = 1; n <= strips; n++) json.WriteStringValue(StripSelection.SoloSwitchPath(soloSwitch(n)));
        json.WriteEndArray();
    }

    /// <summary>
    /// Channel <paramref name="channel"/>'s EQ as the engine designs it: {"sampleRateHz":48000,"sections":[[b0,b1,b2,a1,a2],...]};
    /// false when there is no such channel. Pages draw the magnitude response from these coefficients.
    /// </summary>
    public bool TryWriteChannelEq(int channel, double sampleRateHz, Utf8JsonWriter json)
    {
        if (channel < 1 || channel > store.Table.Config.Channels)
        {
            return false;
        }

        Span<BiquadCoefficients> sections = stackalloc BiquadCoefficients[ChannelEqDesign.Bands];
        ChannelEqDesign.Design(store, channel, sampleRateHz, sections);
        json.WriteStartObject();
        json.WriteNumber("sampleRateHz", sampleRateHz);
        json.WritePropertyName("sections");
        WriteSections(json, sections);
        json.WriteEndObject();
        return true;
    }

    /// <summary>Biquads as pages draw them: [[b0,b1,b2,a1,a2],...] (a0 = 1).</summary>
    public static void WriteSections(Utf8JsonWriter json, ReadOnlySpan<BiquadCoefficients> sections)
    {
        json.WriteStartArray();
        foreach (BiquadCoefficients c in sections)
        {
            json.WriteStartArray();
            json.WriteNumberValue(c.B0);
            json.WriteNumberValue(c.B1);
            json.WriteNumberValue(c.B2);
            json.WriteNumberValue(c.A1);
            json.WriteNumberValue(c.A2);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>Steady input levels a dynamics curve is drawn at: -60..0 dB in 0.5 dB steps.</summary>
    public const int DynamicsPoints = 121;

    /// <summary>
    /// Channel <paramref name="channel"/>'s gate and compressor as the engine designs them, as static transfer curves:
    /// {"inputDb":[-60,...,0],"gateDb":[...],"compressorDb":[...]}; false when there is no such channel.
    /// </summary>
    public bool TryWriteChannelDynamics(int channel, double sampleRateHz, Utf8JsonWriter json)
    {
        if (channel < 1 || channel > store.Table.Config.Channels)
        {
            return false;
        }

        Span<float> inputDb = stackalloc float[DynamicsPoints], gateDb = stackalloc float[DynamicsPoints], compressorDb = stackalloc float[DynamicsPoints];
        for (int i = 0; i < DynamicsPoints; i++)
        {
            inputDb[i] = -60f + 0.5f * i;
        }

        ChannelDynamicsDesign.Curves(store, channel, sampleRateHz, inputDb, gateDb, compressorDb);
        json.WriteStartObject();
        WriteArray(json, "inputDb", inputDb);
        WriteArray(json, "gateDb", gateDb);
        WriteArray(json, "compressorDb", compressorDb);
        json.WriteEndObject();
        return true;
    }

    private static void WriteArray(Utf8JsonWriter json, string name, ReadOnlySpan<float> values)
    {
        json.WriteStartArray(name);
        foreach (float value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// {"specs":[...],"params":{"/ch/01/mix/fader":0,...}} for every path matching one of <paramref name="patterns"/>;
    /// false when a pattern is not a valid OSC path pattern. With <paramref name="reals"/> each numeric spec also lists
    /// the real value of every grid point ("reals", null for minus infinity), for pages that place controls on a scale.
    /// </summary>
    public bool TryWriteParams(IReadOnlyList<string> patterns, Utf8JsonWriter json, bool reals = false)
    {
        foreach (string pattern in patterns)
        {
            if (pattern.Length is 0 or > MaxPatternLength || pattern[0] != '/' || pattern.AsSpan().IndexOfAnyExceptInRange('!', '~') >= 0)
            {
                return false;
            }
        }

        var specs = new List<ParameterSpec>();
        var ids = new Dictionary<ParameterSpec, int>(ReferenceEqualityComparer.Instance);
        var matched = new List<(string Path, int Spec)>();
        foreach (ParameterDescriptor parameter in store.Table.Parameters)
        {
            foreach (string pattern in patterns)
            {
                if (!OscAddressPattern.IsMatch(pattern, parameter.Path))
                {
                    continue;
                }

                if (!ids.TryGetValue(parameter.Spec, out int id))
                {
                    id = specs.Count;
                    ids.Add(parameter.Spec, id);
                    specs.Add(parameter.Spec);
                }

                matched.Add((parameter.Path, id));
                break;
            }
        }

        json.WriteStartObject();
        json.WriteStartArray("specs");
        foreach (ParameterSpec spec in specs)
        {
            WriteSpec(spec, json, reals);
        }

        json.WriteEndArray();
        json.WriteStartObject("params");
        foreach ((string path, int id) in matched)
        {
            json.WriteNumber(path, id);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        return true;
    }

    private const int MaxListedSteps = 1 << 16;

    private static void WriteSpec(ParameterSpec spec, Utf8JsonWriter json, bool reals)
    {
        json.WriteStartObject();
        json.WriteString("kind", spec.Kind.ToString().ToLowerInvariant());
        json.WriteString("wire", spec.WireTypeTag.ToString());
        json.WriteString("unit", spec.Unit);
        json.WriteString("description", spec.Description);
        if (spec.Description.StartsWith(ConsoleAddressSpace.KeptForCompatibility, StringComparison.Ordinal))
        {
            json.WriteBoolean("kept", true); // stored and echoed, no effect: a page may leave it out
        }

        if (spec.Kind == ParameterKind.String)
        {
            json.WriteNumber("maxLength", spec.MaxLength);
            json.WriteEndObject();
            return;
        }

        json.WriteNumber("steps", spec.StepCount);
        json.WriteNumber("defaultIndex", spec.DefaultGridIndex);
        // An X32 effect par's grid is a float's: its points are not listed (no page shows them).
        int listed = spec.StepCount <= MaxListedSteps ? spec.StepCount : 0;
        json.WriteStartArray("texts");
        for (int k = 0; k < listed; k++)
        {
            json.WriteStringValue(ParameterFormatter.Format(spec, spec.RealAt(k)));
        }

        json.WriteEndArray();
        if (reals && spec.Kind != ParameterKind.Bool)
        {
            json.WriteStartArray("reals");
            for (int k = 0; k < listed; k++)
            {
                double real = spec.RealAt(k);
                if (double.IsFinite(real)) json.WriteNumberValue(real);
                else json.WriteNullValue();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
