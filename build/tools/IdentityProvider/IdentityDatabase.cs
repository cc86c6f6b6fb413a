using Microsoft.EntityFrameworkCore;

namespace IdentityProvider;

/// <summary>OpenIddict's client registrations, codes and tokens, in memory: a restart forgets every sign-in, as a demo should.</summary>
public sealed class IdentityDatabase(DbContextOptions<IdentityDatabase> options) : DbContext(options);
