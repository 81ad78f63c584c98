using System.CommandLine;
using Kexie.Cli;

var root = new RootCommand("科协云 Kexie Cloud 命令行：初始化数据库、批量导入导出科技工作者与单位");
var provider = new Option<string?>("--provider") { Description = "数据库类型：Sqlite（默认）或 Postgres", Recursive = true };
var connection = new Option<string?>("--connection") { Description = "连接字符串（默认 Data Source=data/kexie.db）", Recursive = true };
root.Options.Add(provider);
root.Options.Add(connection);

var demo = new Option<bool>("--demo") { Description = "同时生成演示数据（大英县）" };
var seed = new Command("seed", "应用迁移并导入行政区划、学科、行业代码表") { demo };
seed.SetAction((result, ct) => Commands.SeedAsync(result.GetValue(provider), result.GetValue(connection), result.GetValue(demo), ct));
root.Subcommands.Add(seed);

var kind = new Argument<string>("kind") { Description = "workers（科技工作者）、organizations（单位）或 experts（专家库，按手机号对应已有的科技工作者）" };
var file = new Argument<FileInfo>("file") { Description = ".xlsx 或 .csv 文件" };
var dryRun = new Option<bool>("--dry-run") { Description = "只校验，不写入" };
var region = new Option<string?>("--region") { Description = "以该地区科协管理员身份操作（限定地区范围）；默认全平台" };
var import = new Command("import", "从 Excel/CSV 批量导入（先校验，再写入有效行）") { kind, file, dryRun, region };
import.SetAction((result, ct) => Commands.ImportAsync(result.GetValue(provider), result.GetValue(connection), result.GetValue(kind)!, result.GetValue(file)!, result.GetValue(dryRun), result.GetValue(region), ct));
root.Subcommands.Add(import);

var exportKind = new Argument<string>("kind") { Description = "workers 或 organizations" };
var exportFile = new Argument<FileInfo>("file") { Description = "输出的 .xlsx 文件" };
var exportRegion = new Option<string?>("--region") { Description = "只导出该地区（含下级）" };
var export = new Command("export", "导出为 Excel") { exportKind, exportFile, exportRegion };
export.SetAction((result, ct) => Commands.ExportAsync(result.GetValue(provider), result.GetValue(connection), result.GetValue(exportKind)!, result.GetValue(exportFile)!, result.GetValue(exportRegion), ct));
root.Subcommands.Add(export);

var sampleFile = new Argument<FileInfo>("file") { Description = "输出的 .xlsx 文件" };
var rows = new Option<int>("--rows") { Description = "行数", DefaultValueFactory = _ => 100_000 };
var sampleRegion = new Option<string>("--region") { Description = "县级行政区划代码", DefaultValueFactory = _ => "510923" };
var sample = new Command("make-sample", "生成一个科技工作者导入样例文件（用于演练大批量导入）") { sampleFile, rows, sampleRegion };
sample.SetAction(result => Commands.MakeSample(result.GetValue(sampleFile)!, result.GetValue(rows), result.GetValue(sampleRegion)!));
root.Subcommands.Add(sample);

var scale = new Option<double>("--scale") { Description = "规模倍数：1 = 120万人、5万家单位、10万项需求、20万项所能、5万笔订单、50万条通知、500万条指标事实、200万条审计记录", DefaultValueFactory = _ => 1.0 };
var generatorSeed = new Option<int>("--seed") { Description = "随机种子（相同种子生成相同的数据）", DefaultValueFactory = _ => 20200701 };
var province = new Option<string>("--province") { Description = "省级行政区划代码前两位", DefaultValueFactory = _ => "51" };
var generate = new Command("generate-province", "在 PostgreSQL 中生成一个省的规模数据（压力测试用；COPY 批量写入）") { scale, generatorSeed, province };
generate.SetAction((result, ct) => Commands.GenerateProvinceAsync(result.GetValue(provider), result.GetValue(connection), result.GetValue(scale), result.GetValue(generatorSeed), result.GetValue(province)!, ct));
root.Subcommands.Add(generate);

return await root.Parse(args).InvokeAsync();
