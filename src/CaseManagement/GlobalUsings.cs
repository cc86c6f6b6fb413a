// What every vertical slice uses: Wolverine's HTTP attributes and aggregate workflow, the API's conventions, the roles.
global using CaseManagement.Api;
global using CaseManagement.Security;
global using Microsoft.AspNetCore.Authorization;
global using Wolverine;
global using Wolverine.Http;
global using Wolverine.Marten;
global using ProblemDetails = Microsoft.AspNetCore.Mvc.ProblemDetails;
global using Wolverine.Persistence;
