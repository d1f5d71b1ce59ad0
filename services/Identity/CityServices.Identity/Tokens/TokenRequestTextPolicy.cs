using CityServices.ServiceDefaults;
using Microsoft.AspNetCore;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace CityServices.Identity.Tokens;

/// <summary>
/// The token endpoint's form fields pass the platform's <see cref="TextPolicy"/>, as JSON bodies and
/// query strings do, before anything reads them: a NUL in a client id or a nonce would otherwise
/// reach PostgreSQL, which refuses it with an exception (a 500), and control or format characters
/// would reach the logs. Refused as an OAuth <c>invalid_request</c>, first among the request's checks.
/// </summary>
public sealed class TokenRequestTextPolicy : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<TokenRequestTextPolicy>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantType.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in context.Request.GetParameters())
        {
            if (TextPolicy.Refusal(name) is { } nameRefusal)
            {
                context.Reject(Errors.InvalidRequest, $"A parameter's name {nameRefusal}");
                return default;
            }

            foreach (var text in (StringValues)value)
            {
                if (text is not null && TextPolicy.Refusal(text) is { } refusal)
                {
                    context.Reject(Errors.InvalidRequest, $"The parameter {Printable(name)} {refusal}");
                    return default;
                }
            }
        }

        return default;
    }

    // error_description is printable ASCII but '"' and '\' (RFC 6749 §5.2): other names are not echoed.
    private static string Printable(string name) =>
        name.All(c => c is >= ' ' and <= '~' and not '"' and not '\\') ? $"'{name}'" : "(its name not shown)";
}

/// <summary>
/// ASP.NET Core's form reader throws on a NUL escaped as <c>%00</c> (and on a form over its
/// limits), inside OpenIddict's extraction, which would answer 500. The form is read first here,
/// so such a request is refused as an OAuth <c>invalid_request</c> instead.
/// </summary>
public sealed class TokenRequestFormReader : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<TokenRequestFormReader>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest() is { HasFormContentType: true } request)
        {
            try
            {
                // Read once and kept by ASP.NET Core: OpenIddict's extraction then reads the same form.
                await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                context.Reject(Errors.InvalidRequest,
                    "The form cannot be read: it holds a NUL character (%00), is malformed, or exceeds the form limits.");
            }
        }
    }
}
