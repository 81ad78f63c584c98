using System.Net;
using System.Net.Sockets;
using System.Text;
using Kexie.Web.Features.Notifications;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Tests.Market;

/// <summary>The SMTP sender against a minimal SMTP server on loopback: the real dialogue, envelope and UTF-8 message.</summary>
public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task It_speaks_SMTP_and_sends_a_UTF8_plain_text_message()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = ServeOnceAsync(listener);

        var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, From = "noreply@kexie.test" }));
        Assert.True(sender.IsEnabled);
        await sender.SendAsync(new EmailMessage("zhangwei@example.cn", "【科协云】新的询价", "李建国就“含盐废水处理”发起了询价。"), TestContext.Current.CancellationToken);

        var (commands, data) = await server.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Contains(commands, c => c.StartsWith("MAIL FROM:<noreply@kexie.test>", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(commands, c => c.StartsWith("RCPT TO:<zhangwei@example.cn>", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("charset=utf-8", data, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: =?utf-8?", data, StringComparison.OrdinalIgnoreCase);
        var body = data[(data.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Replace("\r\n", string.Empty, StringComparison.Ordinal).TrimEnd('.');
        Assert.Equal("李建国就“含盐废水处理”发起了询价。", Encoding.UTF8.GetString(Convert.FromBase64String(body)));
        Assert.False(new NoOpEmailSender().IsEnabled);
    }

    private static async Task<(List<string> Commands, string Data)> ServeOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var commands = new List<string>();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            commands.Add(line);
            var verb = line.Split(' ')[0].ToUpperInvariant();
            if (verb is "EHLO" or "HELO")
            {
                await writer.WriteLineAsync("250 test");
            }
            else if (verb == "DATA")
            {
                await writer.WriteLineAsync("354 go ahead");
                while (await reader.ReadLineAsync() is { } content && content != ".")
                {
                    data.Append(content).Append("\r\n");
                }

                await writer.WriteLineAsync("250 queued");
            }
            else if (verb == "QUIT")
            {
                await writer.WriteLineAsync("221 bye");
                break;
            }
            else
            {
                await writer.WriteLineAsync("250 ok");
            }
        }

        return (commands, data.ToString());
    }
}
