// rorctl: the operator's command line. One subcommand per file; see Usage().
#include <cstdio>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "tools/rorctl/args.h"
#include "tools/rorctl/commands.h"

namespace {

constexpr char kUsage[] =
    "usage : rorctl <commande> [--option valeur]…\n"
    "\n"
    "  wait-kafka    --bootstrap H:P [--timeout 20s]\n"
    "                attend que Kafka réponde\n"
    "  wait-healthy  --addr H:P [--service ror.v1.OffreService] [--timeout 30s]\n"
    "                attend qu'un service gRPC soit prêt (SERVING)\n"
    "  demo          --offre H:P\n"
    "                crée les offres de démonstration (sans effet si elles existent)\n"
    "  create-offre  --offre H:P --nom NOM --champ_activite 01 --finess_eg 350000741\n"
    "                [--request_id CLÉ]   crée une offre et l'affiche en JSON\n"
    "  get-offre     --offre H:P --id ID  affiche une offre en JSON\n"
    "  search        --search H:P [--texte MOTS] [--type offre|etablissement] [--departement 01]\n"
    "                [--page_size 20]   recherche dans le répertoire, réponse en JSON\n"
    "  login         --auth H:P --email E --password_file F\n"
    "                se connecte et écrit le jeton d'accès sur la sortie standard\n"
    "  import finess FICHIER --offre H:P [--batch 200] [--parallel 8]\n"
    "                importe les établissements d'un extrait FINESS (etalab ou CSV à plat)\n"
    "  audit verify  --dir DOSSIER   vérifie la chaîne du journal d'audit (service en marche ou non)\n"
    "  audit purge   --dir DOSSIER [--older_than 8760h]\n"
    "                supprime les enregistrements plus vieux que la rétention (service arrêté)\n"
    "\n"
    "Les commandes qui appellent un service prennent --token_file F (ou $ROR_TOKEN_FILE) : le\n"
    "jeton d'accès de l'appelant, écrit par login ; sans jeton, l'appel est anonyme.\n"
    "\n"
    "Codes de sortie : 0 réussi, 1 échec, 2 commande mal formée.\n";

struct Subcommand {
  const char* name;
  int (*run)(const ror::rorctl::Args&);
};

constexpr Subcommand kSubcommands[] = {
    {"wait-kafka", ror::rorctl::WaitKafka},
    {"wait-healthy", ror::rorctl::WaitHealthy},
    {"demo", ror::rorctl::Demo},
    {"create-offre", ror::rorctl::CreateOffre},
    {"get-offre", ror::rorctl::GetOffre},
    {"search", ror::rorctl::Search},
    {"login", ror::rorctl::Login},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? ror::rorctl::kExitUsage : ror::rorctl::kExitOk;
  }
  const absl::string_view name = argv[1];
  if (name == "import") {
    if (argc < 4 || std::strcmp(argv[2], "finess") != 0) {
      return ror::rorctl::UsageError(
          "import", absl::InvalidArgumentError("usage : rorctl import finess FICHIER --offre H:P"));
    }
    absl::StatusOr<ror::rorctl::Args> args = ror::rorctl::Args::Parse(argc, argv, 4);
    if (!args.ok()) return ror::rorctl::UsageError("import finess", args.status());
    return ror::rorctl::ImportFiness(argv[3], *args);
  }
  if (name == "audit") {
    if (argc < 3) {
      return ror::rorctl::UsageError(
          "audit", absl::InvalidArgumentError("usage : rorctl audit verify|purge --dir DOSSIER"));
    }
    absl::StatusOr<ror::rorctl::Args> args = ror::rorctl::Args::Parse(argc, argv, 3);
    if (!args.ok()) return ror::rorctl::UsageError("audit", args.status());
    return ror::rorctl::Audit(argv[2], *args);
  }
  for (const Subcommand& sub : kSubcommands) {
    if (name != sub.name) continue;
    absl::StatusOr<ror::rorctl::Args> args = ror::rorctl::Args::Parse(argc, argv, 2);
    if (!args.ok()) return ror::rorctl::UsageError(name, args.status());
    return sub.run(*args);
  }
  std::fprintf(stderr, "rorctl : commande inconnue « %s »\n\n%s", argv[1], kUsage);
  return ror::rorctl::kExitUsage;
}
