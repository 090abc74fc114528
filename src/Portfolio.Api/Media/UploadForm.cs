using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Portfolio.Api.Http;

namespace Portfolio.Api.Media;

// Reads `file` and `name` from a multipart (or urlencoded) form, with DRF's messages for what is
// missing or wrong, and refuses an oversized body from its Content-Length before reading it.
internal sealed record UploadForm(IFormFile File, string Name)
{
    public const string NoFile = "No file was submitted.";
    public const string NotAFile = "The submitted data was not a file. Check the encoding type on the form.";
    public const string EmptyFile = "The submitted file is empty.";
    public const int NameMaxLength = 255;

    // Multipart boundaries, part headers and the `name` field ride on top of the file itself.
    private const long FormOverhead = 64 * 1024;

    public static async Task<UploadRead> ReadAsync(HttpRequest request, MediaOptions options, UploadBodies bodies, CancellationToken ct)
    {
        var bodyLimit = BodyLimit(options);
        if (request.ContentLength > bodyLimit)
        {
            return TooLarge(options);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = bodyLimit;
        }

        var hasBody = request.ContentLength is not 0 && !string.IsNullOrEmpty(request.ContentType);
        if (hasBody && !request.HasFormContentType)
        {
            return UploadRead.Refused(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{request.ContentType}\" in request.");
        }

        IFormCollection form = FormCollection.Empty;
        try
        {
            if (hasBody)
            {
                await bodies.BufferAsync(request, ct);
                form = await new FormFeature(request, Limits(bodyLimit)).ReadFormAsync(ct);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return UploadRead.Refused(StatusCodes.Status400BadRequest, $"Multipart form parse error - {e.Message}");
        }

        return Check(form, options);
    }

    // The fields of a form already read (the console's, which the framework reads): the same
    // messages and limits as the API's upload.
    public static UploadRead Check(IFormCollection form, MediaOptions options)
    {
        var errors = new ValidationErrors();
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            errors.Add("file", form.ContainsKey("file") ? NotAFile : NoFile);
        }
        else if (file.Length == 0)
        {
            errors.Add("file", EmptyFile);
        }
        else if (file.Length > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        var name = form["name"].ToString().Trim();
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add("name", "Null characters are not allowed.");
        }
        else if (name.Length > NameMaxLength)
        {
            errors.Add("name", string.Create(CultureInfo.InvariantCulture, $"Ensure this field has no more than {NameMaxLength} characters."));
        }

        if (errors.Count > 0)
        {
            return new UploadRead(null, StatusCodes.Status400BadRequest, null, errors);
        }

        // No display name given: the uploaded file's own name, never with a directory part, and
        // without the NULs a client may encode in it (filename*=UTF-8''a%00b.png), which
        // PostgreSQL cannot store.
        if (name.Length == 0)
        {
            name = StoredName.Truncate(StoredName.LastSegment(file!.FileName).Replace("\0", "", StringComparison.Ordinal), NameMaxLength);
        }

        return new UploadRead(new UploadForm(file!, name), StatusCodes.Status201Created, null, null);
    }

    private static FormOptions Limits(long bodyLimit) => new()
    {
        MultipartBodyLengthLimit = bodyLimit,
        ValueCountLimit = 16,
        ValueLengthLimit = 64 * 1024,
        KeyLengthLimit = 256,
    };

    public static long BodyLimit(MediaOptions options) => options.MaxUploadBytes + FormOverhead;

    private static UploadRead TooLarge(MediaOptions options) => UploadRead.Refused(
        StatusCodes.Status413PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The file is too large: uploads are limited to {HumanSize.Format(options.MaxUploadBytes)} ({options.MaxUploadBytes} bytes)."));
}

// Either the form, or how to refuse it: a {"detail"} with its status, or DRF field errors.
internal sealed record UploadRead(UploadForm? Form, int Status, string? Detail, ValidationErrors? FieldErrors)
{
    public static UploadRead Refused(int status, string detail) => new(null, status, detail, null);
}
