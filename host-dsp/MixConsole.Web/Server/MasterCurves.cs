using System.Globalization;
using System.Text.Json;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Mastering;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Web.Server;

/// <summary>
/// The master chain's band splits as the engine designs them from the store, for the master page's curves
/// (<c>/api/master</c>): the multiband compressor's and the imager's crossovers, each band as the biquads whose product
/// is its response, and the width each imager band plays. The slot that plays (A or B, <c>/master/ab</c>) is drawn.
/// </summary>
internal static class MasterCurves
{
    private const int Bands = ConsoleAddressSpace.MasterBands;

    /// <summary>
    /// {"sampleRateHz":48000,"slot":"a","multiband":{"crossoversHz":[...],"bands":[[[b0,b1,b2,a1,a2],...],...]},
    /// "imager":{"crossoversHz":[...],"widthPercent":[...],"bands":[...]}}.
    /// </summary>
    public static void Write(ParameterStore store, double sampleRateHz, Utf8JsonWriter json)
    {
        bool playB = Real(store, "/master/ab") != 0;
        string prefix = playB ? ConsoleAddressSpace.MasterSlotBPrefix : ParameterPaths.Master;
        float V(string leaf) => Real(store, prefix + leaf);

        json.WriteStartObject();
        json.WriteNumber("sampleRateHz", sampleRateHz);
        json.WriteString("slot", playB ? "b" : "a");
        json.WriteStartObject("multiband");
        WriteSplit(json, sampleRateHz, x => V("/comp/xover/" + N(x)));
        json.WriteEndObject();
        json.WriteStartObject("imager");
        WriteSplit(json, sampleRateHz, x => V("/imager/xover/" + N(x)));
        json.WriteStartArray("widthPercent");
        for (int b = 0; b < Bands; b++)
        {
            json.WriteNumberValue(MasterChainCompiler.BandWidthPercent(b, V("/imager/bassmono") != 0, V("/width"), V("/imager/" + N(b + 1) + "/width")));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // A crossover like the chain's, tuned to the store's frequencies: its crossovers and every band's sections.
    private static void WriteSplit(Utf8JsonWriter json, double sampleRateHz, Func<int, float> crossoverHz)
    {
        var crossover = new LinkwitzRileyCrossover { BandCount = Bands };
        crossover.Prepare(new ProcessSpec(sampleRateHz, 1, 2));
        json.WriteStartArray("crossoversHz");
        for (int x = 0; x < Bands - 1; x++)
        {
            crossover.SetCrossoverHz(x, crossoverHz(x + 1));
            json.WriteNumberValue(crossover.GetCrossoverHz(x));
        }

        json.WriteEndArray();
        json.WriteStartArray("bands");
        Span<BiquadCoefficients> sections = stackalloc BiquadCoefficients[LinkwitzRileyCrossover.MaxBandSections];
        for (int b = 0; b < Bands; b++)
        {
            ParameterCatalog.WriteSections(json, sections[..crossover.GetBandSections(b, sections)]);
        }

        json.WriteEndArray();
    }

    private static float Real(ParameterStore store, string path) => store.GetReal(store.Table.IndexOf(path));

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
