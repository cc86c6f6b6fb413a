-- GET /api/incidents?pageSize=50 (the organisation's list, the async IncidentSummary view) with a bearer token (TOKEN in the environment).
local token = os.getenv("TOKEN")
request = function()
  return wrk.format("GET", "/api/incidents?pageSize=50", { ["Authorization"] = "Bearer " .. token })
end
