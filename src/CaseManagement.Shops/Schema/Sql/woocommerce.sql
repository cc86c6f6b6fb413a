-- WooCommerce tables as WC_Install::get_schema (includes/class-wc-install.php) and the bundled Action
-- Scheduler (ActionScheduler_StoreSchema) create them, with the 191-character index limit of utf8mb4.

CREATE TABLE IF NOT EXISTS `{prefix}woocommerce_sessions` (
  session_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  session_key char(32) NOT NULL,
  session_value longtext NOT NULL,
  session_expiry bigint(20) unsigned NOT NULL,
  PRIMARY KEY (session_id),
  KEY session_expiry (session_expiry),
  UNIQUE KEY session_key (session_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}woocommerce_api_keys` (
  key_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint(20) unsigned NOT NULL,
  description varchar(200) NULL,
  permissions varchar(10) NOT NULL,
  consumer_key char(64) NOT NULL,
  consumer_secret char(43) NOT NULL,
  nonces longtext NULL,
  truncated_key char(7) NOT NULL,
  last_access datetime NULL DEFAULT NULL,
  PRIMARY KEY (key_id),
  KEY consumer_key (consumer_key),
  KEY consumer_secret (consumer_secret)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}woocommerce_payment_tokens` (
  token_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  gateway_id varchar(200) NOT NULL,
  token text NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  type varchar(200) NOT NULL,
  is_default tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (token_id),
  KEY user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}woocommerce_payment_tokenmeta` (
  meta_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  payment_token_id bigint(20) unsigned NOT NULL,
  meta_key varchar(255) NULL,
  meta_value longtext NULL,
  PRIMARY KEY (meta_id),
  KEY payment_token_id (payment_token_id),
  KEY meta_key (meta_key(32))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}wc_webhooks` (
  webhook_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  status varchar(200) NOT NULL,
  name text NOT NULL,
  user_id bigint(20) unsigned NOT NULL,
  delivery_url text NOT NULL,
  secret text NOT NULL,
  topic varchar(200) NOT NULL,
  date_created datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_created_gmt datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_modified datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_modified_gmt datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  api_version smallint(4) NOT NULL,
  failure_count smallint(10) NOT NULL DEFAULT 0,
  pending_delivery tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (webhook_id),
  KEY user_id (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}wc_customer_lookup` (
  customer_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint(20) unsigned DEFAULT NULL,
  username varchar(60) NOT NULL DEFAULT '',
  first_name varchar(255) NOT NULL,
  last_name varchar(255) NOT NULL,
  email varchar(100) NULL DEFAULT NULL,
  date_last_active timestamp NULL DEFAULT NULL,
  date_registered timestamp NULL DEFAULT NULL,
  country char(2) NOT NULL DEFAULT '',
  postcode varchar(20) NOT NULL DEFAULT '',
  city varchar(100) NOT NULL DEFAULT '',
  state varchar(100) NOT NULL DEFAULT '',
  billing_phone varchar(100) NOT NULL DEFAULT '',
  shipping_phone varchar(100) NOT NULL DEFAULT '',
  PRIMARY KEY (customer_id),
  UNIQUE KEY user_id (user_id),
  KEY email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}wc_order_stats` (
  order_id bigint(20) unsigned NOT NULL,
  parent_id bigint(20) unsigned NOT NULL DEFAULT 0,
  date_created datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_created_gmt datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  date_paid datetime DEFAULT '0000-00-00 00:00:00',
  date_completed datetime DEFAULT '0000-00-00 00:00:00',
  num_items_sold int(11) NOT NULL DEFAULT 0,
  total_sales double NOT NULL DEFAULT 0,
  tax_total double NOT NULL DEFAULT 0,
  shipping_total double NOT NULL DEFAULT 0,
  net_total double NOT NULL DEFAULT 0,
  returning_customer tinyint(1) DEFAULT NULL,
  status varchar(20) NOT NULL,
  customer_id bigint(20) unsigned NOT NULL,
  PRIMARY KEY (order_id),
  KEY date_created (date_created),
  KEY customer_id (customer_id),
  KEY status (status),
  KEY idx_date_paid_status_parent (date_paid,status,parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;

CREATE TABLE IF NOT EXISTS `{prefix}actionscheduler_actions` (
  action_id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  hook varchar(191) NOT NULL,
  status varchar(20) NOT NULL,
  scheduled_date_gmt datetime NULL DEFAULT '0000-00-00 00:00:00',
  scheduled_date_local datetime NULL DEFAULT '0000-00-00 00:00:00',
  priority tinyint unsigned NOT NULL DEFAULT 10,
  args varchar(191),
  schedule longtext,
  group_id bigint(20) unsigned NOT NULL DEFAULT 0,
  attempts int(11) NOT NULL DEFAULT 0,
  last_attempt_gmt datetime NULL DEFAULT '0000-00-00 00:00:00',
  last_attempt_local datetime NULL DEFAULT '0000-00-00 00:00:00',
  claim_id bigint(20) unsigned NOT NULL DEFAULT 0,
  extended_args varchar(8000) DEFAULT NULL,
  PRIMARY KEY (action_id),
  KEY hook_status_scheduled_date_gmt (hook(163),status,scheduled_date_gmt),
  KEY status_scheduled_date_gmt (status,scheduled_date_gmt),
  KEY scheduled_date_gmt (scheduled_date_gmt),
  KEY args (args),
  KEY group_id (group_id),
  KEY last_attempt_gmt (last_attempt_gmt),
  KEY claim_id_status_priority_scheduled_date_gmt (claim_id,status,priority,scheduled_date_gmt),
  KEY status_last_attempt_gmt (status,last_attempt_gmt),
  KEY status_claim_id (status,claim_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci;
