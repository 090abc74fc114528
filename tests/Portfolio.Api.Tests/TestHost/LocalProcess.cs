using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portfolio.Api.Tests.TestHost;

// What the tests need to run a server process of their own on 127.0.0.1.
internal static class LocalProcess
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Polls url until it answers 200; fails, with the process's output, if it exits or times out.
    public static async Task WaitUntilAnswersAsync(Process process, string url, TimeSpan timeout, Func<string> output)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode}:\n{output()}");
            }

            try
            {
                if ((await http.GetAsync(url)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{process.StartInfo.FileName} did not answer {url} within {timeout.TotalSeconds} s:\n{output()}");
    }
}
