global using CaseManagement.Shops;
