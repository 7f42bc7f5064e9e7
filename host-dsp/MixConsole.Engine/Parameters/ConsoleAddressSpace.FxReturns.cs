using MixConsole.Engine.Configuration;

namespace MixConsole.Engine.Parameters;

/// <summary>
/// The effect returns in the X32's shape (fw 4.06): <c>/fxrtn/NN</c>, two per effect slot (01-02 are slot 1's left
/// and right, ... 07-08 slot 4's), each with config, a 4-band EQ, mix with sends 01-16 as a channel's, and groups
/// (their solo is a switch of <c>/-stat/solosw</c>). <c>/config/fxlink/1-2</c> ... pairs them as a stereo strip (the odd
/// return leads, its pan becomes the pair's balance). The mixer runs them through the channel strip's kernels.
/// </summary>
public static partial class ConsoleAddressSpace
{
    private static readonly ParameterSpec FxReturnLink = ParameterSpec.Bool(true,
        "Links the pair of effect returns as a stereo strip (the odd return's settings lead; its pan is the pair's balance)");

    private static void AddFxReturns(ParameterTableBuilder builder, ConsoleConfig config, ParameterSpec? dcaMembers, ParameterSpec? muteMembers)
    {
        for (int ret = 1; ret <= config.FxReturns; ret++)
        {
            var d = new Declarer(builder, ParameterPaths.FxReturn(ret), ParameterOwner.FxReturn, ret);
            d.Add("/config/name", Name, ParameterRole.Name);
            d.Keep("/config/icon", Icon);
            d.Keep("/config/color", Color);
            AddEq(d, ChannelEqBands);
            AddMix(d, ToMainOn);
            AddSends(d, config.Buses);
            AddGroups(d, dcaMembers, muteMembers);
        }
    }

    // /config/fxlink/1-2 .. 7-8 as the X32 (four pairs); a pair of returns this console has acts, the others are kept.
    private static void AddFxReturnLinks(ParameterTableBuilder builder, ConsoleConfig config)
    {
        for (int first = 1; first < Math.Max(8, config.FxReturns); first += 2)
        {
            string path = "/config/fxlink/" + Pair(first);
            if (first < config.FxReturns) builder.Add(path, FxReturnLink, new ParameterKey(ParameterOwner.FxReturn, first, ParameterRole.Link));
            else builder.Add(path, FxLink);
        }
    }
}
