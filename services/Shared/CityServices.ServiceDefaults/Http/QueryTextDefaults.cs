using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;

namespace CityServices.ServiceDefaults;

/// <summary>Query strings pass the same <see cref="TextPolicy"/> as JSON bodies, before any endpoint binds them.</summary>
internal static class QueryTextDefaults
{
    public static void UseQueryTextPolicy(this WebApplication app) =>
        app.Use((context, next) =>
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (TextPolicy.Refusal(name) is { } nameRefusal)
                {
                    throw new InvalidFieldException("query", $"A parameter's name {nameRefusal}");
                }

                foreach (var value in values)
                {
                    if (value is not null && TextPolicy.Refusal(value) is { } refusal)
                    {
                        throw new InvalidFieldException(name, $"The text {refusal}");
                    }
                }
            }

            return next(context);
        });
}
