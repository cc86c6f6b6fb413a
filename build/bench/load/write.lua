-- POST /api/incidents with a bearer token (TOKEN in the environment): a new incident per request, as a detection would.
local token = os.getenv("TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"title":"Load test incident %d","shop":"load-shop","kind":"checkout-skimmer","detectedAt":"2026-11-20T08:00:00Z","dataCategories":["email"]}', counter)
  return wrk.format("POST", "/api/incidents", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
