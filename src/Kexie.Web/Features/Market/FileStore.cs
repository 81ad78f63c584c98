using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Kexie.Domain.Common;
using Kexie.Domain.Market;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace Kexie.Web.Features.Market;

/// <summary>Settings of the file store (section <c>Files</c>).</summary>
public sealed class FileStoreOptions
{
    /// <summary>Folder of the local-disk store; relative paths are taken from the current directory (like the SQLite file).</summary>
    public string Root { get; set; } = "./data/files";
}

/// <summary>
/// Where uploaded bytes live. Keys are random ids chosen by the store, never a user's file name; the metadata
/// (name, type, size, owner) is in the database.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes the stream and returns its new key.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken ct = default);

    /// <summary>The content, or null when no file has that key.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default);

    /// <summary>Removes the file; a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken ct = default);
}

/// <summary>Files on the local disk under <see cref="FileStoreOptions.Root"/>, two-character fan-out folders, written atomically.</summary>
public sealed partial class LocalDiskFileStore(IOptions<FileStoreOptions> options) : IFileStore
{
    private readonly string root = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Root) ? "./data/files" : options.Value.Root);

    public string Root => root;

    public async Task<string> SaveAsync(Stream content, CancellationToken ct = default)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathOf(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, ct);
            }

            File.Move(temp, path);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return key;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct = default)
    {
        if (!IsKey(key) || !File.Exists(PathOf(key)))
        {
            return Task.FromResult<Stream?>(null);
        }

        return Task.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    public Task DeleteAsync(string key, CancellationToken ct = default)
    {
        if (IsKey(key))
        {
            File.Delete(PathOf(key));
        }

        return Task.CompletedTask;
    }

    /// <summary>Only keys this store made (32 lower-case hex digits) map to a path: nothing else can reach the disk.</summary>
    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    private string PathOf(string key) => IsKey(key)
        ? Path.Combine(root, key[..2], key)
        : throw new ArgumentException("不是有效的文件存储键", nameof(key));

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}

/// <summary>An upload that passed <see cref="UploadInspector"/>: its name, real type, size and SHA-256.</summary>
public sealed record InspectedUpload(IFormFile File, string FileName, string ContentType, long SizeBytes, string Sha256);

/// <summary>
/// Checks an upload before anything is stored: present, not empty, at most <see cref="Attachment.MaxSizeBytes"/>, a type of
/// <see cref="Attachment.AllowedContentTypes"/> whose extension fits, and content whose magic bytes are really that type
/// (PDF, PNG, JPEG, WebP, OLE Office, ZIP and the ZIP-based Office formats checked down to their parts). Every
/// refusal is a 400 naming the form field <c>file</c>.
/// </summary>
public static class UploadInspector
{
    public const string Field = "file";

    private static readonly FileExtensionContentTypeProvider Extensions = new();

    private static readonly Dictionary<string, string[]> ExtensionsByType = new(StringComparer.Ordinal)
    {
        ["application/pdf"] = [".pdf"],
        ["application/msword"] = [".doc"],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [".docx"],
        ["application/vnd.ms-excel"] = [".xls"],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [".xlsx"],
        ["application/vnd.ms-powerpoint"] = [".ppt"],
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = [".pptx"],
        ["image/jpeg"] = [".jpg", ".jpeg"],
        ["image/png"] = [".png"],
        ["image/webp"] = [".webp"],
        ["text/plain"] = [".txt", ".csv", ".md"],
        ["application/zip"] = [".zip"],
    };

    public static async Task<InspectedUpload> InspectAsync(IFormFile? file, CancellationToken ct = default)
    {
        if (file is null)
        {
            throw new DomainValidationException(Field, "请选择要上传的文件（表单字段 file）");
        }

        if (file.Length <= 0)
        {
            throw new DomainValidationException(Field, "文件不能为空");
        }

        if (file.Length > Attachment.MaxSizeBytes)
        {
            throw new DomainValidationException(Field, $"文件大小不能超过{Attachment.MaxSizeBytes / 1024 / 1024}MB");
        }

        var name = Path.GetFileName((file.FileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0 || name.Length > 200)
        {
            throw new DomainValidationException(Field, "文件名不能为空且不能超过200个字符");
        }

        var extension = Path.GetExtension(name).ToLowerInvariant();
        var type = DeclaredType(file.ContentType, name);
        if (!ExtensionsByType.TryGetValue(type, out var extensions))
        {
            throw new DomainValidationException(Field, $"不支持的文件类型“{type}”（支持PDF、Office文档、JPEG/PNG/WebP图片、文本和zip）");
        }

        if (!extensions.Contains(extension, StringComparer.Ordinal))
        {
            throw new DomainValidationException(Field, $"文件扩展名“{extension}”与文件类型“{type}”不符");
        }

        await using var stream = file.OpenReadStream();
        var actual = await SniffAsync(stream, type, ct);
        if (actual is not null)
        {
            throw new DomainValidationException(Field, $"文件内容与声明的类型不符：声明为“{type}”，实际内容{actual}");
        }

        stream.Position = 0;
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        return new InspectedUpload(file, name, type, file.Length, hash);
    }

    /// <summary>The type the client declared; when it sent none (or the generic octet-stream), the one its extension implies.</summary>
    private static string DeclaredType(string? contentType, string name)
    {
        var declared = (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
        if (declared is "" or "application/octet-stream" or "binary/octet-stream")
        {
            return Extensions.TryGetContentType(name, out var byExtension) ? byExtension.ToLowerInvariant() : "application/octet-stream";
        }

        return declared switch
        {
            "image/jpg" or "image/pjpeg" => "image/jpeg",
            "application/x-zip-compressed" or "application/x-zip" => "application/zip",
            _ => declared,
        };
    }

    /// <summary>Null when the content is of <paramref name="type"/>; otherwise a description of what it really is.</summary>
    private static async Task<string?> SniffAsync(Stream stream, string type, CancellationToken ct)
    {
        var head = new byte[8192];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var bytes = head.AsSpan(0, read);
        var seen = Describe(bytes);
        switch (type)
        {
            case "application/pdf":
                return bytes.StartsWith("%PDF-"u8) ? null : $"不是PDF（{seen}）";
            case "image/png":
                return bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? null : $"不是PNG图片（{seen}）";
            case "image/jpeg":
                return bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? null : $"不是JPEG图片（{seen}）";
            case "image/webp":
                return bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? null : $"不是WebP图片（{seen}）";
            case "application/msword" or "application/vnd.ms-excel" or "application/vnd.ms-powerpoint":
                return bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }) ? null : $"不是Office 97-2003文档（{seen}）";
            case "text/plain":
                return bytes.Contains((byte)0) || seen != "为文本" ? $"不是纯文本（{seen}）" : null;
            case "application/zip":
                return IsZip(bytes) && OpenZip(stream, _ => true) ? null : $"不是有效的zip压缩包（{seen}）";
            default:
                var part = type switch
                {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "word/",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xl/",
                    _ => "ppt/",
                };
                return IsZip(bytes) && OpenZip(stream, entries => entries.Contains("[Content_Types].xml") && entries.Any(e => e.StartsWith(part, StringComparison.Ordinal)))
                    ? null
                    : $"不是有效的Office文档（{seen}）";
        }
    }

    private static bool IsZip(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("PK\u0005\u0006"u8);

    private static bool OpenZip(Stream stream, Func<HashSet<string>, bool> check)
    {
        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return check(zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>What the first bytes look like, in words.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "为PDF"
        : bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? "为PNG图片"
        : bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "为JPEG图片"
        : bytes.StartsWith("RIFF"u8) ? "为RIFF媒体文件"
        : bytes.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }) ? "为Office 97-2003文档"
        : IsZip(bytes) ? "为zip压缩包"
        : bytes.StartsWith("MZ"u8) ? "为可执行程序"
        : bytes.StartsWith("\u007FELF"u8) ? "为可执行程序"
        : bytes.StartsWith("GIF8"u8) ? "为GIF图片"
        : bytes.Contains((byte)0) ? "为未知的二进制数据"
        : "为文本";
}

/// <summary>Stores an upload and records it, as one step that leaves no file behind when the record is refused.</summary>
public static class StoredUploads
{
    /// <summary>
    /// Writes the upload to the store and hands its metadata to <paramref name="record"/> (the domain call and the
    /// database save); when recording throws, the stored bytes are deleted again and the exception goes on, so a refused
    /// or failed upload leaves no orphan file.
    /// </summary>
    public static Task<T> SaveThenRecordAsync<T>(this IFileStore store, InspectedUpload upload, Func<AttachmentData, Task<T>> record, CancellationToken ct = default) =>
        store.SaveThenRecordAsync(upload.File, upload.FileName, upload.SizeBytes, upload.ContentType, record, ct);

    /// <summary>A stored file as a download under its recorded name and type; 404 with <paramref name="missing"/> when the store no longer has it.</summary>
    public static async Task<FileDownload> DownloadAsync(this IFileStore store, string key, string contentType, string fileName, CancellationToken ct = default, string missing = "文件已不存在（存储中找不到）") =>
        await store.OpenReadAsync(key, ct) is { } content
            ? new FileDownload(content, contentType, fileName)
            : throw new NotFoundException(missing);

    /// <inheritdoc cref="SaveThenRecordAsync{T}(IFileStore, InspectedUpload, Func{AttachmentData, Task{T}}, CancellationToken)"/>
    public static async Task<T> SaveThenRecordAsync<T>(this IFileStore store, IFormFile file, string fileName, long sizeBytes, string contentType, Func<AttachmentData, Task<T>> record, CancellationToken ct = default)
    {
        string key;
        await using (var stream = file.OpenReadStream())
        {
            key = await store.SaveAsync(stream, ct);
        }

        try
        {
            return await record(new AttachmentData(fileName, sizeBytes, contentType, key));
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }
}
