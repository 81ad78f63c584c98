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
        var message = await MimeKit.MimeMessage.LoadAsync(new MemoryStream(Encoding.ASCII.GetBytes(data)), TestContext.Current.CancellationToken);
        Assert.Equal("【科协云】新的询价", message.Subject);
        Assert.Equal("李建国就“含盐废水处理”发起了询价。", message.TextBody!.TrimEnd());
        Assert.False(new NoOpEmailSender().IsEnabled);
    }

    /// <summary>
    /// Through a real SMTP server (Debian's python3-aiosmtpd, in .ci/run's package list) writing what it receives to a
    /// maildir: the message arrives whole, with the Chinese subject, sender name and body intact.
    /// </summary>
    [Fact]
    public async Task It_delivers_through_a_real_SMTP_server()
    {
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var maildir = Path.Combine(Path.GetTempPath(), "kexie-maildir-" + Guid.NewGuid().ToString("N"));
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var server = System.Diagnostics.Process.Start(start)!;
        try
        {
            var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = port, From = "noreply@kexie.test", FromName = "大英县科协" }));
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await sender.SendAsync(new EmailMessage("wangmin@example.cn", "【科协云】一单一策指派：含盐废水处理", "大英县科协管理员将科技需求“含盐废水处理”的一单一策指派给您办理。"), ct);
                    break;
                }
                catch (System.Net.Sockets.SocketException) when (attempt < 50 && !server.HasExited)
                {
                    await Task.Delay(200, ct); // the server is still starting
                }
            }

            var inbox = Path.Combine(maildir, "new");
            string? file = null;
            for (var wait = 0; wait < 50 && file is null; wait++)
            {
                file = Directory.Exists(inbox) ? Directory.GetFiles(inbox).FirstOrDefault() : null;
                if (file is null)
                {
                    await Task.Delay(100, ct);
                }
            }

            Assert.NotNull(file);
            var message = await MimeKit.MimeMessage.LoadAsync(file!, ct);
            Assert.Equal("【科协云】一单一策指派：含盐废水处理", message.Subject);
            Assert.Equal("大英县科协管理员将科技需求“含盐废水处理”的一单一策指派给您办理。", message.TextBody!.TrimEnd());
            var from = Assert.Single(message.From.Mailboxes);
            Assert.Equal(("大英县科协", "noreply@kexie.test"), (from.Name, from.Address));
            Assert.Equal("wangmin@example.cn", Assert.Single(message.To.Mailboxes).Address);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(ct);
            if (Directory.Exists(maildir))
            {
                Directory.Delete(maildir, recursive: true);
            }
        }
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
