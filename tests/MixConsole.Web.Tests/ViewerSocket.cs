using Microsoft.Playwright;

namespace MixConsole.Web.Tests;

/// <summary>A viewer page's own WebSocket that sends what the page would not: what comes back shows what was dropped.</summary>
internal static class ViewerSocket
{
    /// <summary>
    /// Opens <c>/ws?view</c> from <paramref name="page"/>, sends each OSC message of <paramref name="sendsJs"/> (a JS
    /// array of [address, args]), then queries <paramref name="query"/>; returns argument <paramref name="index"/> of
    /// its answer (answers leave in order, so after everything sent before it was handled).
    /// </summary>
    public static Task<T> SendThenQueryAsync<T>(IPage page, string sendsJs, string query, int index = 0) =>
        page.EvaluateAsync<T>($$"""
            async () => {
              const { encodeMessage, decodePacket } = await import('/osc.js');
              const ws = new WebSocket(`ws://${location.host}/ws?view`);
              ws.binaryType = 'arraybuffer';
              await new Promise(open => { ws.onopen = open; });
              const answer = new Promise(done => {
                ws.onmessage = e => decodePacket(e.data, (address, values) => { if (address === '{{query}}') done(values[{{index}}]); });
              });
              for (const [address, args] of {{sendsJs}}) ws.send(encodeMessage(address, args));
              ws.send(encodeMessage('{{query}}'));
              return answer;
            }
            """);
}
